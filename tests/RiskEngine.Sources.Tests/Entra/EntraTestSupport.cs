using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Entra;

namespace RiskEngine.Sources.Tests.Entra;

/// <summary>Decoding helpers and messages shared by the Entra decoder tests.</summary>
internal static class EntraTestSupport
{
    public static readonly EntraSignInDecoder Decoder = new();

    public static List<DecodedRecord> Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    public static List<DecodedRecord> Decode(byte[] message)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(message, records);
        return records;
    }

    public static IdentityEvent Accepted(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{record.Outcome} ({record.Code}): {record.Reason}");
        return record.Event!;
    }

    public static DecodedRecord Rejected(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        return record;
    }

    /// <summary>A diagnostic-settings record of <paramref name="category"/> around the signIn <paramref name="properties"/>.</summary>
    public static string Record(string category, string properties, string extra = "") =>
        $$"""{"time":"2024-03-01T08:00:00.0000000Z","resourceId":"/tenants/t-1/providers/Microsoft.aadiam","operationName":"Sign-in activity","category":"{{category}}","tenantId":"t-1","resultType":"0","callerIpAddress":"198.51.100.9","Level":4{{extra}},"properties":{{properties}}}""";

    public static string Envelope(params string[] records) => $$"""{"records":[{{string.Join(',', records)}}]}""";

    /// <summary>A user's sign-in as the properties of a record, or as a Graph signIn.</summary>
    public const string UserSignIn = """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","userPrincipalName":"ada@contoso.com","status":{"errorCode":0}}""";

    /// <summary>A service principal's sign-in, as ServicePrincipalSignInLogs writes it: no user, and no appDisplayName.</summary>
    public const string ServicePrincipalSignIn = """{"id":"sp-1","createdDateTime":"2024-03-01T08:00:00Z","servicePrincipalId":"sp-object-1","servicePrincipalName":"backup-job","appId":"a-1","resourceDisplayName":"Microsoft Graph","status":{"errorCode":0}}""";
}
