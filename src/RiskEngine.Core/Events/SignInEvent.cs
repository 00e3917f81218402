namespace RiskEngine.Core.Events;

/// <summary>
/// One sign-in attempt in the canonical form every source format decodes to.
/// Times are event time (when the identity provider saw the attempt), never the time we read it.
/// </summary>
public sealed class SignInEvent
{
    /// <summary>The provider's id of this sign-in; with the identity it names the event in every SET it causes.</summary>
    public required string EventId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The stable id state is keyed on (Entra object id); never a display name.</summary>
    public required string IdentityId { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? TenantId { get; init; }

    /// <summary>The root-authentication session the sign-in belongs to, when the provider names one.</summary>
    public string? SessionId { get; init; }

    public required bool Succeeded { get; init; }

    /// <summary>The provider's error code: 0 on success.</summary>
    public int ErrorCode { get; init; }

    public string? FailureReason { get; init; }

    public string? IpAddress { get; init; }

    public GeoCoordinates? Coordinates { get; init; }

    public string? City { get; init; }

    public string? CountryOrRegion { get; init; }

    public string? DeviceId { get; init; }

    public string? DeviceName { get; init; }

    public string? OperatingSystem { get; init; }

    public string? Browser { get; init; }

    public string? AppDisplayName { get; init; }

    /// <summary>A place name for explanations: "Oslo, NO", or the coordinates when the provider gave no city.</summary>
    public string DescribeLocation() => (City, CountryOrRegion) switch
    {
        ({ Length: > 0 } city, { Length: > 0 } country) => $"{city}, {country}",
        ({ Length: > 0 } city, _) => city,
        (_, { Length: > 0 } country) => country,
        _ when Coordinates is { } c => FormattableString.Invariant($"({c.Latitude:F2}, {c.Longitude:F2})"),
        _ => "an unknown location",
    };
}
