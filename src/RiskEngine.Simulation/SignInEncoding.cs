namespace RiskEngine.Simulation;

/// <summary>How simulated sign-ins are framed as messages.</summary>
public enum SignInEncoding
{
    /// <summary>One Microsoft Graph <c>signIn</c> object per message.</summary>
    GraphSignIn,

    /// <summary>Azure Monitor diagnostic-settings envelopes, <c>{"records":[...]}</c>, as an Event Hub receives them.</summary>
    DiagnosticRecords,
}
