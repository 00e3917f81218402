namespace RiskEngine.Core.Events;

/// <summary>
/// One thing an identity did, in the canonical form every source format decodes to: a sign-in, an MFA
/// challenge, a session ending, a request between workloads, a policy decision. Times are event time (when
/// the producer saw it), never the time we read it. Fields a source does not carry stay null.
/// </summary>
public sealed class IdentityEvent
{
    /// <summary>The producer's id of this event; with the identity it names the event in every SET it causes.</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public EventSource Source { get; init; } = EventSource.EntraId;

    public EventKind Kind { get; init; } = EventKind.SignIn;

    /// <summary>The stable id state is keyed on: an Entra object id, an Okta user id, a SPIFFE ID; never a display name.</summary>
    public required string IdentityId { get; init; }

    public PrincipalType PrincipalType { get; init; } = PrincipalType.User;

    /// <summary>The user's sign-in name (UPN or Okta login), used as the email subject of SETs.</summary>
    public string? UserPrincipalName { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The session the event belongs to, when the producer names one (Entra sessionId, Okta externalSessionId).</summary>
    public string? SessionId { get; init; }

    /// <summary>Whether what the identity attempted was allowed: a sign-in or MFA passed, a request answered below 400, a policy allowed.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>The producer's result code: the Entra error code, the HTTP status of a request; 0 when it has none.</summary>
    public int ErrorCode { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>Whether a person took part: false for Entra non-interactive and service-principal sign-ins.</summary>
    public bool Interactive { get; init; } = true;

    public string? IpAddress { get; init; }

    public int? AutonomousSystemNumber { get; init; }

    public GeoCoordinates? Coordinates { get; init; }

    public string? City { get; init; }

    public string? CountryOrRegion { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceName { get; init; }

    public string? OperatingSystem { get; init; }

    public string? Browser { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>
    /// Whether the authentication satisfied multifactor authentication: true when a second factor was required and
    /// passed (Entra authenticationRequirement multiFactorAuthentication on a success, an Okta factor verified);
    /// false when it succeeded on one factor, or when a second factor was asked for and denied or failed (Entra
    /// 500121, a denied Okta Verify push); null when the source does not say (a failed password, a push only sent).
    /// </summary>
    public bool? MfaSatisfied { get; init; }

    /// <summary>Whether the client used a legacy protocol that cannot do modern authentication (Entra clientAppUsed IMAP4, POP3, Exchange ActiveSync...).</summary>
    public bool? LegacyAuthentication { get; init; }

    /// <summary>Whether the device meets the organisation's compliance policy (Entra deviceDetail.isCompliant).</summary>
    public bool? DeviceCompliant { get; init; }

    /// <summary>Whether the device is managed by the organisation (Entra deviceDetail.isManaged, Okta device.managed).</summary>
    public bool? DeviceManaged { get; init; }

    /// <summary>The id of the token the sign-in issued or used (Entra uniqueTokenIdentifier).</summary>
    public string? TokenId { get; init; }

    /// <summary>What was signed in to or called: the application of a sign-in, the destination workload of a request.</summary>
    public string? AppDisplayName { get; init; }

    /// <summary>The resource acted on: a request path, the resource of a policy decision.</summary>
    public string? Resource { get; init; }

    /// <summary>The action taken: an HTTP method, the action of a policy decision.</summary>
    public string? Action { get; init; }

    /// <summary>The sensitivity of the resource, when a policy input names it ("confidential", "pii").</summary>
    public string? Classification { get; init; }

    /// <summary>The producer's own risk verdict, when it gives one (Entra riskLevelDuringSignIn).</summary>
    public string? ProviderRiskLevel { get; init; }

    public long? BytesReceived { get; init; }

    public long? BytesSent { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>A place name for explanations: "Oslo, NO", or the coordinates when the provider gave no city.</summary>
    public string DescribeLocation() => Place.Describe(City, CountryOrRegion, Coordinates);
}
