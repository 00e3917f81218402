using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Tests.Signals;

/// <summary>Sign-ins for one identity, built with only the fields a test cares about.</summary>
internal static class SignIns
{
    public const string IdentityId = "00000000-0000-0000-0000-00000000abcd";

    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static readonly GeoCoordinates Oslo = new(59.9139, 10.7522);
    public static readonly GeoCoordinates Lagos = new(6.5244, 3.3792);
    public static readonly GeoCoordinates London = new(51.5074, -0.1278);
    public static readonly GeoCoordinates Paris = new(48.8566, 2.3522);

    private static int s_next;

    public static IdentityEvent Success(
        DateTimeOffset at,
        GeoCoordinates? coordinates = null,
        string? city = null,
        string? country = null,
        string? deviceId = "device-1",
        string? os = "Windows 10",
        string? browser = "Edge 120",
        string? deviceName = null,
        string? ip = "203.0.113.7",
        int? asn = null) => new()
        {
            EventId = $"event-{Interlocked.Increment(ref s_next)}",
            Timestamp = at,
            IdentityId = IdentityId,
            Succeeded = true,
            ErrorCode = 0,
            IpAddress = ip,
            AutonomousSystemNumber = asn,
            Coordinates = coordinates,
            City = city,
            CountryOrRegion = country,
            DeviceId = deviceId,
            DeviceName = deviceName,
            OperatingSystem = os,
            Browser = browser,
        };

    public static IdentityEvent Failure(DateTimeOffset at, GeoCoordinates? coordinates = null, string ip = "198.51.100.9", string identityId = IdentityId) => new()
    {
        EventId = $"event-{Interlocked.Increment(ref s_next)}",
        Timestamp = at,
        IdentityId = identityId,
        Succeeded = false,
        ErrorCode = 50126,
        FailureReason = "Invalid username or password.",
        IpAddress = ip,
        Coordinates = coordinates,
        DeviceId = "device-1",
    };

    /// <summary>Any authentication, with the facts the newer signals judge.</summary>
    public static IdentityEvent Auth(
        DateTimeOffset at,
        bool succeeded = true,
        EventKind kind = EventKind.SignIn,
        bool? mfa = null,
        bool? legacy = null,
        bool? compliant = null,
        bool? managed = null,
        bool interactive = true,
        string? ip = "203.0.113.7",
        int? asn = null,
        string? deviceId = "device-1",
        string? country = null,
        string? sessionId = null,
        string? tokenId = null,
        string identityId = IdentityId,
        PrincipalType principal = PrincipalType.User) => new()
        {
            EventId = $"event-{Interlocked.Increment(ref s_next)}",
            Timestamp = at,
            Kind = kind,
            IdentityId = identityId,
            PrincipalType = principal,
            Succeeded = succeeded,
            ErrorCode = succeeded ? 0 : 50126,
            Interactive = interactive,
            MfaSatisfied = mfa,
            LegacyAuthentication = legacy,
            DeviceCompliant = compliant,
            DeviceManaged = managed,
            IpAddress = ip,
            AutonomousSystemNumber = asn,
            DeviceId = deviceId,
            OperatingSystem = "Windows 10",
            Browser = "Edge 120",
            CountryOrRegion = country,
            UserAgent = "Mozilla/5.0",
            SessionId = sessionId,
            TokenId = tokenId,
            AppDisplayName = "Office 365 Exchange Online",
        };

    public static IdentityEvent InOslo(DateTimeOffset at) => Success(at, Oslo, "Oslo", "NO", ip: "203.0.113.7", asn: 2119);

    public static IdentityEvent InLagos(DateTimeOffset at) => Success(at, Lagos, "Lagos", "NG", ip: "192.0.2.50", asn: 36873);

    /// <summary>A context of its own per test: signals may learn into it.</summary>
    public static ScoringContext Context => new();

    public static IdentityState NewState() => new(IdentityId, new SignInHistoryLayout());

    public static IdentityState StateAfter(params IdentityEvent[] history)
    {
        var state = NewState();
        foreach (var signIn in history)
        {
            state.Observe(signIn);
        }

        return state;
    }
}
