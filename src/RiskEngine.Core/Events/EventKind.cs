namespace RiskEngine.Core.Events;

/// <summary>What an identity did.</summary>
public enum EventKind
{
    /// <summary>A primary authentication: an Entra sign-in, an Okta session start or authentication.</summary>
    SignIn,

    /// <summary>Single sign-on into an application on an existing session (Okta user.authentication.sso).</summary>
    SingleSignOn,

    /// <summary>A second factor asked for, with its outcome (Okta auth_via_mfa: push approved or denied).</summary>
    MfaChallenge,

    /// <summary>A session ended (Okta user.session.end).</summary>
    SessionEnd,

    /// <summary>A request from one workload to another, from a service-mesh access log.</summary>
    ServiceRequest,

    /// <summary>An authorization decision of a policy engine (an OPA decision log).</summary>
    PolicyDecision,
}
