using System.Text;
using System.Text.Json;
using RiskEngine.Sources.Opa;
using RiskEngine.Testing;

namespace RiskEngine.Sources.Tests.Opa;

/// <summary>
/// The published schema and the decoder read the same contract: what the schema admits (with a subject the
/// mapping finds) the decoder accepts, and what it refuses the decoder rejects. The schema cannot say where
/// the subject is (input has no fixed shape); that is the mapping's part.
/// </summary>
public sealed class OpaDecisionLogSchemaTests
{
    private const string Schema = "opa-decision-log.schema.json";

    private static readonly OpaDecisionLogDecoder Decoder = new();

    /// <summary>OPA's documented upload example (its "result": "true" as the documentation writes it), given a user.</summary>
    private const string DocumentedUpload = """
        [
          {
            "labels": { "app": "my-example-app", "id": "1780d507-aea2-45cc-ae50-fa153c8e4a5a", "version": "v0.70.0" },
            "decision_id": "4ca636c1-55e4-417a-b1d8-4aceb67960d1",
            "bundles": { "authz": { "revision": "W3sibCI6InN5cy9jYXRhbG9nIiwicyI6NDA3MX1d" } },
            "path": "http/example/authz/allow",
            "input": { "method": "GET", "path": "/salary/bob", "user": "bob" },
            "result": "true",
            "requested_by": "[::1]:59943",
            "timestamp": "2018-01-01T00:00:00.000000Z"
          }
        ]
        """;

    private const string Minimal = """{"decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"}}""";

    public static TheoryData<string, string> Valid => new()
    {
        { "the HTTP API tutorial", OpaEvents.HttpApiTutorial },
        { "a subject object", OpaEvents.SubjectObject },
        { "a SPIFFE source", OpaEvents.SpiffeSource },
        { "Envoy ext_authz", OpaEvents.EnvoyExtAuthz },
        { "Kubernetes admission", OpaEvents.KubernetesAdmission },
        { "the console line", OpaEvents.ConsoleLine },
        { "the minimum", Minimal },
        { "null labels", """{"labels":null,"decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""" },
        { "an evaluation error", """{"labels":{},"decision_id":"d-1","timestamp":"2024-05-01T12:00:00.5-07:00","input":{"user":"alice"},"error":{"code":"eval_conflict_error","message":"x"}}""" },
        { "mask fields", """{"decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"erased":["/input/password"],"masked":["/input/ssn"],"result":true,"req_id":3}""" },
    };

    public static TheoryData<string, string, RejectionCode> Invalid => new()
    {
        { "no decision_id", """{"labels":{},"timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.MissingField },
        { "an empty decision_id", """{"labels":{},"decision_id":"","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.MissingField },
        { "no timestamp", """{"labels":{},"decision_id":"d-1","input":{"user":"alice"},"result":true}""", RejectionCode.MissingField },
        { "a numeric decision_id", """{"decision_id":7,"timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
        { "a timestamp without offset", """{"decision_id":"d-1","timestamp":"2024-05-01T12:00:00","input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
        { "a timestamp in seconds", """{"decision_id":"d-1","timestamp":1714564800,"input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
        { "a month 13", """{"decision_id":"d-1","timestamp":"2024-13-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
        { "labels as a string", """{"labels":"x","decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
        { "erased as a string", """{"decision_id":"d-1","timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"erased":"/input","result":true}""", RejectionCode.InvalidField },
        { "a numeric path", """{"decision_id":"d-1","path":1,"timestamp":"2024-05-01T12:00:00Z","input":{"user":"alice"},"result":true}""", RejectionCode.InvalidField },
    };

    private static DecodedRecord DecodeOne(string json)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(Encoding.UTF8.GetBytes(json), records);
        return Assert.Single(records);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void An_event_the_schema_admits_is_accepted(string what, string json)
    {
        Assert.True(SchemaValidator.Validate(Schema, json) is null, $"{what}: {SchemaValidator.Validate(Schema, json)}");

        var record = DecodeOne(json);
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{what}: {record.Code}: {record.Reason}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_event_the_schema_refuses_is_rejected(string what, string json, RejectionCode code)
    {
        Assert.False(SchemaValidator.Validate(Schema, json) is null, $"{what}: the schema admits it");

        var record = DecodeOne(json);
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.True(record.Code == code, $"{what}: {record.Code}: {record.Reason}");
    }

    [Fact]
    public void Every_event_of_opas_documented_upload_is_admitted_and_accepted()
    {
        using var upload = JsonDocument.Parse(DocumentedUpload);
        var events = upload.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();

        Assert.All(SchemaValidator.Validate(Schema, events), Assert.Null);
        var records = new List<DecodedRecord>();
        Decoder.Decode(Encoding.UTF8.GetBytes(DocumentedUpload), records);
        var decision = Assert.Single(records).Event!;
        Assert.True(decision.Succeeded);
        Assert.Equal("bob", decision.IdentityId);
        Assert.Equal("/salary/bob", decision.Resource);
    }

    [Fact]
    public void The_schema_is_draft_2020_12_at_its_published_id_and_describes_the_upload_array()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaValidator.SchemaPath(Schema)));
        var root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("https://riskengine.dev/schemas/opa-decision-log.schema.json", root.GetProperty("$id").GetString());
        Assert.Equal(["decision_id", "timestamp"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var upload = root.GetProperty("$defs").GetProperty("upload");
        Assert.Equal("array", upload.GetProperty("type").GetString());
        Assert.Equal("#", upload.GetProperty("items").GetProperty("$ref").GetString());
    }
}
