using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Canonical;
using RiskEngine.Testing;

namespace RiskEngine.Sources.Tests.Canonical;

public sealed class IdentityEventJsonTests
{
    private static readonly IdentityEvent FullEvent = new()
    {
        EventId = "66ea54eb-6301-4ee5-be62-ff5a759b8100",
        Timestamp = new DateTimeOffset(2026, 11, 22, 8, 15, 30, 123, TimeSpan.Zero),
        Source = EventSource.Okta,
        Kind = EventKind.MfaChallenge,
        IdentityId = "00uid4BxXw6I6TV4m0g3",
        PrincipalType = PrincipalType.User,
        UserPrincipalName = "ada@contoso.example",
        TenantId = "contoso",
        SessionId = "102bZDNFfWaQSyEZQuDgWt-uQ",
        Succeeded = false,
        ErrorCode = 0,
        FailureReason = "the user denied the Okta Verify push",
        Interactive = true,
        IpAddress = "203.0.113.7",
        AutonomousSystemNumber = 64500,
        Coordinates = new GeoCoordinates(59.91, 10.75),
        City = "Oslo",
        CountryOrRegion = "NO",
        DeviceId = "guo4a5u7JHHhjXrMK0g4",
        DeviceName = "ADA-LAPTOP",
        OperatingSystem = "Mac OS X",
        Browser = "CHROME",
        UserAgent = "Mozilla/5.0",
        MfaSatisfied = false,
        LegacyAuthentication = false,
        DeviceCompliant = true,
        DeviceManaged = true,
        TokenId = "ZxWXyT6xAkOcVt3T1wYcAA",
        AppDisplayName = "Salesforce",
        Resource = "/api/accounts",
        Action = "GET",
        Classification = "confidential",
        ProviderRiskLevel = "low",
        BytesReceived = 120,
        BytesSent = 4096,
        DurationMs = 12.5,
    };

    private static readonly IdentityEvent MinimalEvent = new()
    {
        EventId = "envoy:9f86d081884c7d65",
        Timestamp = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
        Source = EventSource.Envoy,
        Kind = EventKind.ServiceRequest,
        IdentityId = "spiffe://cluster.local/ns/default/sa/web",
        PrincipalType = PrincipalType.Workload,
        Succeeded = true,
    };

    [Fact]
    public void Every_field_survives_the_trip_through_the_events_topic()
    {
        var read = IdentityEventJson.Read(IdentityEventJson.ToUtf8Bytes(FullEvent), out var error);

        Assert.Null(error);
        Assert.Equivalent(FullEvent, read, strict: true);
    }

    [Fact]
    public void What_the_decode_stage_writes_validates_against_the_published_schema()
    {
        var written = new[] { FullEvent, MinimalEvent }.Select(e => Encoding.UTF8.GetString(IdentityEventJson.ToUtf8Bytes(e))).ToList();

        Assert.All(SchemaValidator.Validate("identity-event.schema.json", written), Assert.Null);
    }

    [Theory]
    [InlineData("""{"eventId":"e","timestamp":"2026-11-22T08:00:00Z","source":"Envoy","kind":"ServiceRequest","principalType":"Workload","succeeded":true}""", "identityId")]
    [InlineData("""{"eventId":"e","timestamp":"2026-11-22T08:00:00Z","source":"Smoke","kind":"ServiceRequest","identityId":"i","principalType":"Workload","succeeded":true}""", "source")]
    [InlineData("""{"eventId":"e","timestamp":"yesterday","source":"Envoy","kind":"ServiceRequest","identityId":"i","principalType":"Workload","succeeded":true}""", "timestamp")]
    public void What_the_schema_refuses_the_scoring_stage_refuses_too(string json, string named)
    {
        var read = IdentityEventJson.Read(Encoding.UTF8.GetBytes(json), out var error);

        Assert.Null(read);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.NotNull(SchemaValidator.Validate("identity-event.schema.json", json));
    }
}
