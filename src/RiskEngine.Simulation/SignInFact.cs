namespace RiskEngine.Simulation;

/// <summary>Everything about one sign-in (or, for Okta, one step of it) before it is written as JSON.</summary>
/// <param name="MultiFactor">Whether the sign-in satisfied multi-factor authentication, now or by an earlier claim (<see cref="MfaPreviouslySatisfied"/>).</param>
internal sealed record SignInFact(
    DateTimeOffset Time,
    string Id,
    SimulatedIdentity User,
    App App,
    Device Device,
    City City,
    string IpAddress,
    string SessionId,
    string CorrelationId,
    SignInStatus Status,
    bool MultiFactor,
    bool IsMalicious,
    string Scenario)
{
    public SignInStep Step { get; init; } = SignInStep.SignIn;

    /// <summary>MFA was satisfied by the claim in the session's token, not asked for again.</summary>
    public bool MfaPreviouslySatisfied { get; init; }

    /// <summary>False for a token redeemed by a client without the user (Entra's non-interactive sign-ins).</summary>
    public bool Interactive { get; init; } = true;

    /// <summary>The token the sign-in issued or redeemed; null for one of its own, derived from <see cref="Id"/>.</summary>
    public string? UniqueTokenId { get; init; }

    /// <summary>The named location the address belongs to (a corporate VPN's egress), if any.</summary>
    public string? NamedNetwork { get; init; }

    /// <summary>Entra's <c>uniqueTokenIdentifier</c>: 16 bytes in unpadded base64url, like Entra's.</summary>
    public string TokenIdentifier => UniqueTokenId ?? Convert.ToBase64String(Guid.Parse(Id).ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
