namespace RiskEngine.Core.Policy;

/// <summary>NIST SP 800-63B authenticator assurance levels, which a step-up asks the identity to re-authenticate at.</summary>
public enum AuthenticatorAssuranceLevel
{
    /// <summary>Single-factor: what an ordinary sign-in gives.</summary>
    Aal1 = 1,

    /// <summary>Two factors.</summary>
    Aal2 = 2,

    /// <summary>Two factors, one a phishing-resistant hardware authenticator.</summary>
    Aal3 = 3,
}
