namespace RiskEngine.Ssf.Authorization;

/// <summary>The OAuth scopes of the CAEP interoperability profile for the transmitter's API.</summary>
public static class SsfScopes
{
    /// <summary>Create, change and delete streams, their status and subjects, and request verification. Implies <see cref="Read"/>.</summary>
    public const string Manage = "ssf.manage";

    /// <summary>Read streams and their status, and poll.</summary>
    public const string Read = "ssf.read";
}
