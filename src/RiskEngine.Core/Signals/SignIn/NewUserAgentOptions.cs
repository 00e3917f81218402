namespace RiskEngine.Core.Signals.SignIn;

/// <summary>The weakest of the novelties: every browser update is a new user agent. It adds to the others, it rarely decides.</summary>
public sealed class NewUserAgentOptions : NoveltyOptions
{
    public NewUserAgentOptions() => (MinSuccessfulSignIns, Penalty) = (10, 5);
}
