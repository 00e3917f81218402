namespace RiskEngine.Simulation;

/// <summary>
/// What a <see cref="SignInFact"/> records. Entra logs a whole sign-in, MFA and all, as one signIn; Okta logs each
/// step as its own event, so only Okta facts use the steps after <see cref="SignIn"/>.
/// </summary>
internal enum SignInStep
{
    /// <summary>Entra: a signIn. Okta: <c>user.session.start</c>, the password step.</summary>
    SignIn,

    /// <summary>Okta: <c>system.push.send_factor_verify_push</c>, an Okta Verify push sent to the user's phone.</summary>
    MfaPushSent,

    /// <summary>Okta: <c>user.authentication.auth_via_mfa</c>, the push answered (approved, or denied per the status).</summary>
    MfaPushAnswered,

    /// <summary>Okta: <c>user.authentication.sso</c>, an app opened within the Okta session.</summary>
    SingleSignOn,

    /// <summary>Okta: <c>user.session.end</c>, the user signed out.</summary>
    SessionEnd,
}
