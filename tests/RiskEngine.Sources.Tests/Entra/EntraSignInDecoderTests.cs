using System.Text;
using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;

namespace RiskEngine.Sources.Tests.Entra;

public sealed class EntraSignInDecoderTests
{
    private static readonly EntraSignInDecoder Decoder = new();

    private const string GraphSignIn = """
        {
          "id": "66ea54eb-6301-4ee5-be62-ff5a759b8100",
          "createdDateTime": "2024-03-01T10:15:30+02:00",
          "userDisplayName": "Ada Lovelace",
          "userPrincipalName": "ada@contoso.com",
          "userId": "d1f5a3b2-0000-4000-8000-00000000ada1",
          "appDisplayName": "Office 365",
          "ipAddress": "203.0.113.7",
          "sessionId": "5a1c0f3e-1111-4000-8000-000000000001",
          "homeTenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
          "autonomousSystemNumber": 64500,
          "isInteractive": true,
          "riskEventTypes_v2": ["unfamiliarFeatures"],
          "mfaDetail": null,
          "deviceDetail": {
            "deviceId": "b7c4a3f0-2222-4000-8000-000000000002",
            "displayName": "ADA-LAPTOP",
            "operatingSystem": "Windows 10",
            "browser": "Edge 120.0",
            "isCompliant": true,
            "trustType": "AzureAd"
          },
          "location": {
            "city": "Oslo",
            "state": "Oslo",
            "countryOrRegion": "NO",
            "geoCoordinates": { "altitude": null, "latitude": 59.9139, "longitude": 10.7522 }
          },
          "status": { "errorCode": 50126, "failureReason": "Invalid username or password.", "additionalDetails": "x" }
        }
        """;

    private static List<DecodedRecord> Decode(string json)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(Encoding.UTF8.GetBytes(json), records);
        return records;
    }

    private static DecodedRecord Rejected(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Null(record.Event);
        return record;
    }

    private static IdentityEvent Accepted(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        Assert.Null(record.Reason);
        return record.Event!;
    }

    private static string Record(string category, string properties, string extra = "") =>
        $$"""{"time":"2024-03-01T08:00:00.0000000Z","category":"{{category}}","operationName":"Sign-in activity","location":"NO","Level":4{{extra}},"properties":{{properties}}}""";

    [Fact]
    public void A_graph_sign_in_maps_every_field()
    {
        var records = Decode(GraphSignIn);

        var record = Assert.Single(records);
        Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        var signIn = record.Event!;
        Assert.Equal("66ea54eb-6301-4ee5-be62-ff5a759b8100", signIn.EventId);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 15, 30, TimeSpan.Zero), signIn.Timestamp);
        Assert.Equal(TimeSpan.Zero, signIn.Timestamp.Offset);
        Assert.Equal("d1f5a3b2-0000-4000-8000-00000000ada1", signIn.IdentityId);
        Assert.Equal("ada@contoso.com", signIn.UserPrincipalName);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", signIn.TenantId);
        Assert.Equal("5a1c0f3e-1111-4000-8000-000000000001", signIn.SessionId);
        Assert.Equal("203.0.113.7", signIn.IpAddress);
        Assert.Equal("Office 365", signIn.AppDisplayName);
        Assert.Equal("b7c4a3f0-2222-4000-8000-000000000002", signIn.DeviceId);
        Assert.Equal("ADA-LAPTOP", signIn.DeviceName);
        Assert.Equal("Windows 10", signIn.OperatingSystem);
        Assert.Equal("Edge 120.0", signIn.Browser);
        Assert.Equal("Oslo", signIn.City);
        Assert.Equal("NO", signIn.CountryOrRegion);
        Assert.Equal(new GeoCoordinates(59.9139, 10.7522), signIn.Coordinates);
        Assert.Equal(50126, signIn.ErrorCode);
        Assert.Equal("Invalid username or password.", signIn.FailureReason);
        Assert.False(signIn.Succeeded);
    }

    [Fact]
    public void Error_code_zero_is_a_success()
    {
        var signIn = Accepted(GraphSignIn.Replace("\"errorCode\": 50126", "\"errorCode\": 0", StringComparison.Ordinal));

        Assert.True(signIn.Succeeded);
        Assert.Equal(0, signIn.ErrorCode);
    }

    [Fact]
    public void An_envelope_decodes_each_record_on_its_own_and_slices_the_raw_bytes_of_each()
    {
        var signIn = Record("SignInLogs", """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}}""");
        var audit = """{"time":"2024-03-01T08:00:01Z","category":"AuditLogs","operationName":"Add member to group","properties":{"id":"a-1","activityDisplayName":"Add member to group"}}""";
        var anonymous = Record("SignInLogs", """{"id":"s-2","createdDateTime":"2024-03-01T08:00:02Z","status":{"errorCode":0}}""");
        var message = Encoding.UTF8.GetBytes($"{{\"records\": [\n  {signIn},\n  {audit},\n  {anonymous}\n]}}\n");

        var records = new List<DecodedRecord>();
        Decoder.Decode(message, records);

        Assert.Equal(3, records.Count);
        Assert.Equal([0, 1, 2], records.Select(r => r.RecordIndex));
        Assert.Equal([DecodeOutcome.Accepted, DecodeOutcome.Skipped, DecodeOutcome.Rejected], records.Select(r => r.Outcome));

        Assert.Equal("u-1", records[0].Event!.IdentityId);
        Assert.True(records[0].Event!.Succeeded);
        Assert.Equal("entra:AuditLogs", records[1].Reason);
        Assert.Null(records[1].Event);
        Assert.StartsWith("records[2]: no userId, servicePrincipalId or userPrincipalName", records[2].Reason, StringComparison.Ordinal);
        Assert.Contains("identity", records[2].Reason, StringComparison.Ordinal);

        Assert.Equal(signIn, Encoding.UTF8.GetString(message.AsSpan()[records[0].Raw]));
        Assert.Equal(audit, Encoding.UTF8.GetString(message.AsSpan()[records[1].Raw]));
        Assert.Equal(anonymous, Encoding.UTF8.GetString(message.AsSpan()[records[2].Raw]));
        using var deadLetter = JsonDocument.Parse(message.AsMemory()[records[2].Raw]);
        Assert.Equal("s-2", deadLetter.RootElement.GetProperty("properties").GetProperty("id").GetString());
    }

    [Fact]
    public void Decode_appends_to_the_records_already_in_the_list()
    {
        var records = new List<DecodedRecord> { DecodedRecord.Skipped("earlier", 0, Range.All) };

        Decoder.Decode(Encoding.UTF8.GetBytes("not json"), records);

        Assert.Equal(2, records.Count);
        Assert.Equal("earlier", records[0].Reason);
        Assert.Equal(DecodeOutcome.Rejected, records[1].Outcome);
    }

    [Fact]
    public void The_record_fields_stand_in_for_missing_sign_in_properties()
    {
        var json = $$"""{"records":[{{Record(
            "NonInteractiveUserSignInLogs",
            """{"id":"s-1","userId":"u-1","userPrincipalName":"ada@contoso.com"}""",
            ""","resultType":"50126","resultDescription":"Invalid username or password.","callerIpAddress":"198.51.100.9","tenantId":"t-1" """)}}]}""";

        var signIn = Accepted(json);

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), signIn.Timestamp);
        Assert.False(signIn.Succeeded);
        Assert.Equal(50126, signIn.ErrorCode);
        Assert.Equal("Invalid username or password.", signIn.FailureReason);
        Assert.Equal("198.51.100.9", signIn.IpAddress);
        Assert.Equal("t-1", signIn.TenantId);
    }

    [Fact]
    public void The_sign_in_properties_win_over_the_record_fields()
    {
        var json = $$"""{"records":[{{Record(
            "SignInLogs",
            """{"id":"s-1","userId":"u-1","createdDateTime":"2024-03-01T07:59:58Z","ipAddress":"203.0.113.7","status":{"errorCode":0}}""",
            ""","resultType":"50126","callerIpAddress":"198.51.100.9" """)}}]}""";

        var signIn = Accepted(json);

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 7, 59, 58, TimeSpan.Zero), signIn.Timestamp);
        Assert.True(signIn.Succeeded);
        Assert.Equal("203.0.113.7", signIn.IpAddress);
    }

    [Fact]
    public void A_service_principal_sign_in_is_keyed_by_its_service_principal_id()
    {
        var json = $$"""{"records":[{{Record(
            "ServicePrincipalSignInLogs",
            """{"id":"sp-1","servicePrincipalId":"sp-object-1","servicePrincipalName":"backup-job","status":{"errorCode":0}}""")}}]}""";

        var signIn = Accepted(json);

        Assert.Equal("sp-object-1", signIn.IdentityId);
        Assert.Null(signIn.UserPrincipalName);
        Assert.True(signIn.Succeeded);
    }

    [Fact]
    public void Numbers_written_as_strings_and_dash_placeholders_are_accepted()
    {
        var signIn = Accepted("""
            {"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","ipAddress":"-","sessionId":"",
             "deviceDetail":{"deviceId":"-","operatingSystem":"Android","browser":"-"},
             "location":{"city":"-","countryOrRegion":"NO","geoCoordinates":{"latitude":"59.9","longitude":"10.75"}},
             "status":{"errorCode":"0","failureReason":"-"}}
            """);

        Assert.True(signIn.Succeeded);
        Assert.Equal(new GeoCoordinates(59.9, 10.75), signIn.Coordinates);
        Assert.Null(signIn.IpAddress);
        Assert.Null(signIn.SessionId);
        Assert.Null(signIn.DeviceId);
        Assert.Null(signIn.Browser);
        Assert.Null(signIn.City);
        Assert.Null(signIn.FailureReason);
        Assert.Equal("Android", signIn.OperatingSystem);
    }

    [Fact]
    public void A_dash_for_the_coordinates_means_no_coordinates()
    {
        var signIn = Accepted("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0},"location":{"geoCoordinates":{"latitude":"-","longitude":"-"}}}""");

        Assert.Null(signIn.Coordinates);
    }

    [Theory]
    [InlineData("\"status\":{\"errorCode\":\"abc\"}", "status.errorCode: expected an integer, found \"abc\"")]
    [InlineData("\"status\":{\"errorCode\":true}", "status.errorCode: expected an integer, found a boolean")]
    [InlineData("\"status\":{\"errorCode\":1.5}", "status.errorCode: expected an integer, found a number")]
    [InlineData("\"status\":[0]", "status: expected an object, found an array")]
    [InlineData("\"location\":{\"geoCoordinates\":{\"latitude\":{}}}", "location.geoCoordinates.latitude: expected a finite number, found an object")]
    [InlineData("\"location\":{\"geoCoordinates\":{\"latitude\":\"NaN\",\"longitude\":0}}", "location.geoCoordinates.latitude: expected a finite number, found \"NaN\"")]
    [InlineData("\"deviceDetail\":{\"deviceId\":[]}", "deviceDetail.deviceId: expected a string, found an array")]
    [InlineData("\"createdDateTime\":\"yesterday\"", "createdDateTime: expected an ISO 8601 timestamp, found \"yesterday\"")]
    public void A_field_of_the_wrong_type_rejects_the_sign_in_naming_the_field(string badField, string expectedReason)
    {
        // The bad field comes last here; see A_bad_field_followed_by_more_fields_is_reported_by_its_path.
        var record = Rejected($$"""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1",{{badField}}}""");

        Assert.Equal(expectedReason, record.Reason);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
    }

    [Fact]
    public void A_latitude_out_of_range_is_rejected()
    {
        var record = Rejected("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0},"location":{"geoCoordinates":{"latitude":200,"longitude":10}}}""");

        Assert.StartsWith("location.geoCoordinates (200, 10) out of range", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_latitude_without_a_longitude_is_rejected()
    {
        var record = Rejected("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0},"location":{"geoCoordinates":{"latitude":59.9}}}""");

        Assert.Equal("location.geoCoordinates has a latitude or a longitude but not both", record.Reason);
    }

    [Theory]
    [InlineData("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","status":{"errorCode":0}}""", "no userId, servicePrincipalId or userPrincipalName")]
    [InlineData("""{"createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}}""", "no id:")]
    [InlineData("""{"id":"s-1","userId":"u-1","status":{"errorCode":0}}""", "no createdDateTime")]
    [InlineData("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1"}""", "no status.errorCode")]
    public void A_sign_in_missing_a_required_field_is_rejected_with_what_is_missing(string json, string expectedStart)
    {
        Assert.StartsWith(expectedStart, Rejected(json).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"id":"s-1","createdDateTime":""")]
    [InlineData("")]
    public void Text_that_is_not_json_is_one_rejected_message(string text)
    {
        var record = Rejected(text);

        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_envelope_yields_no_partial_records()
    {
        var whole = Record("SignInLogs", """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}}""");
        var json = $$"""{"records":[{{whole}},{{whole}},{"time":"2024-03-01T08:""";

        var record = Rejected(json);

        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"id":"s-1"}]""", "expected a JSON object")]
    [InlineData("\"just a string\"", "expected a JSON object")]
    [InlineData("""{"uuid":"f6c3a8e0-1","eventType":"user.session.start","published":"2024-03-01T08:00:00Z","actor":{"id":"00u1"}}""", "JSON of the wrong shape")]
    [InlineData("{}", "JSON of the wrong shape")]
    [InlineData("""{"records":{"category":"SignInLogs"}}""", "\"records\" must be an array, found an object")]
    public void Json_that_cannot_be_an_entra_message_is_rejected_as_the_wrong_shape(string json, string expectedStart)
    {
        var record = Rejected(json);

        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.StartsWith(expectedStart, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_data_after_the_object_rejects_the_whole_message()
    {
        var record = Rejected("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}} {"id":"s-2"}""");

        // Utf8JsonReader itself refuses a second top-level value, so this surfaces as invalid JSON.
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_is_not_an_object_is_rejected_alone()
    {
        var good = Record("SignInLogs", """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}}""");
        var message = Encoding.UTF8.GetBytes($$$"""{"records":[5,{{{good}}},{"properties":{}}]}""");

        var records = new List<DecodedRecord>();
        Decoder.Decode(message, records);

        Assert.Equal([DecodeOutcome.Rejected, DecodeOutcome.Accepted, DecodeOutcome.Rejected], records.Select(r => r.Outcome));
        Assert.Equal("records[0] must be an object, found a number", records[0].Reason);
        Assert.Equal("5", Encoding.UTF8.GetString(message.AsSpan()[records[0].Raw]));
        Assert.Equal("s-1", records[1].Event!.EventId);
        Assert.StartsWith("records[2] has no category", records[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_field_in_a_record_rejects_that_record_with_its_index()
    {
        var bad = Record("SignInLogs", """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":"x"}}""");

        var record = Rejected($$"""{"records":[{{bad}}]}""");

        Assert.Equal("records[0]: status.errorCode: expected an integer, found \"x\"", record.Reason);
        Assert.Equal(0, record.RecordIndex);
    }

    [Fact]
    public void A_bad_field_followed_by_more_fields_is_reported_by_its_path()
    {
        var record = Rejected("""{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":"x"},"ipAddress":"203.0.113.7"}""");

        // Today: "expected a property or the end of the object, found a string".
        Assert.Equal("status.errorCode: expected an integer, found \"x\"", record.Reason);
    }

    [Fact]
    public void A_bad_field_in_one_record_does_not_dead_letter_its_neighbours()
    {
        var bad = Record("SignInLogs", """{"id":"s-1","userId":"u-1","status":{"errorCode":"x"},"appliedConditionalAccessPolicies":[{"id":"p1","displayName":"Require MFA"}]}""");
        var good = Record("SignInLogs", """{"id":"s-2","userId":"u-2","status":{"errorCode":0}}""");
        var message = Encoding.UTF8.GetBytes($$$"""{"records":[{{{bad}}},{{{good}}}]}""");

        var records = new List<DecodedRecord>();
        Decoder.Decode(message, records);

        // Today: one whole-message rejection, "trailing data after the JSON object", and s-2 is lost.
        Assert.Equal([DecodeOutcome.Rejected, DecodeOutcome.Accepted], records.Select(r => r.Outcome));
        Assert.Equal("records[0]: status.errorCode: expected an integer, found \"x\"", records[0].Reason);
        Assert.Equal(bad, Encoding.UTF8.GetString(message.AsSpan()[records[0].Raw]));
        Assert.Equal("s-2", records[1].Event!.EventId);
        Assert.Equal(1, records[1].RecordIndex);
    }

    [Fact]
    public void A_record_that_is_an_array_is_described_as_an_array()
    {
        var record = Rejected("""{"records":[[1,2]]}""");

        Assert.Equal("records[0] must be an object, found an array", record.Reason);
    }
}
