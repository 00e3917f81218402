namespace RiskEngine.Simulation.Users;

/// <summary>Where a simulated user signs in, which decides the format of the user's sign-in events.</summary>
public enum IdentityProvider
{
    /// <summary>Microsoft Entra ID: Graph signIn objects.</summary>
    Entra,

    /// <summary>Okta: System Log LogEvents.</summary>
    Okta,
}
