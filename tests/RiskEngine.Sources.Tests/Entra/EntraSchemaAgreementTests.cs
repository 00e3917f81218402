using RiskEngine.Testing;
using static RiskEngine.Sources.Tests.Entra.EntraTestSupport;

namespace RiskEngine.Sources.Tests.Entra;

/// <summary>
/// The published schemas and the decoder are two readings of one contract: every message below is accepted by the
/// decoder (no record rejected; records of other categories are skipped, which is acceptance) exactly when it is
/// valid against the schema, and each case says which it is meant to be, so both cannot be wrong together.
/// </summary>
/// <remarks>
/// What the schemas cannot express, and so is left out of the corpus (the decoder tests cover it):
/// bytes that are not UTF-8 (a schema sees text); dates that do not exist (2024-02-30) and fractions of more than
/// 9 digits (the timestamp pattern checks the form and the ranges of each part, not the calendar); numbers written
/// as strings that overflow (an errorCode of "99999999999", a latitude of "1e999") or whose range is checked
/// (a latitude "200" written as a string); JSON nested deeper than 64 levels; and a message whose top-level
/// "records" is not an array, which is rejected as a whole rather than being a signIn.
/// </remarks>
public sealed class EntraSchemaAgreementTests
{
    private const string SignInSchema = "entra-signin.schema.json";
    private const string EnvelopeSchema = "entra-diagnostic-records.schema.json";

    private const string Sign = """{"id":"s-1","createdDateTime":"2024-03-01T08:00:00Z","userId":"u-1","status":{"errorCode":0}""";

    /// <summary>Graph signIns: (valid, json).</summary>
    public static readonly TheoryData<bool, string> SignIns = new()
    {
        { true, Sign + "}" },
        { true, GraphSignIn(@"""userPrincipalName"":""ada@contoso.com""", without: "userId") },
        { true, GraphSignIn(@"""servicePrincipalId"":""sp-1""", without: "userId") },
        { true, GraphSignIn(@"""servicePrincipalId"":""sp-1"",""signInEventTypes"":[""servicePrincipal""]") },
        { true, GraphSignIn(@"""servicePrincipalId"":""sp-1"",""signInEventTypes"":[""managedIdentity"",""other""]") },
        { true, GraphSignIn(@"""signInEventTypes"":[""nonInteractiveUser""],""isInteractive"":false") },
        { true, GraphSignIn(@"""isInteractive"":""True"",""signInEventTypes"":null") },
        { true, GraphSignIn(@"""autonomousSystemNumber"":""64500"",""userAgent"":""curl/8"",""riskLevelDuringSignIn"":""hidden"",""resourceDisplayName"":""Graph""") },
        { true, GraphSignIn(@"""autonomousSystemNumber"":2e3,""ipAddress"":""-"",""sessionId"":"""",""appDisplayName"":null") },
        { true, GraphSignIn(@"""deviceDetail"":{""deviceId"":""d-1"",""displayName"":5,""operatingSystem"":""iOS"",""browser"":""-"",""isCompliant"":true}") },
        { true, GraphSignIn(@"""location"":{""city"":""Oslo"",""countryOrRegion"":""NO"",""geoCoordinates"":{""latitude"":59.9,""longitude"":10.75,""altitude"":null}}") },
        { true, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":""59.9"",""longitude"":"" 10.75e0 ""}}") },
        { true, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":""-"",""longitude"":null}}") },
        { true, GraphSignIn(@"""location"":null,""deviceDetail"":null,""mfaDetail"":{""authMethod"":[1,{}]}") },
        { true, GraphSignIn(@"""createdDateTime"":""2024-03-01T10:15:30.1234567+02:00""", without: "createdDateTime") },
        { true, GraphSignIn(@"""createdDateTime"":""2024-03-01""", without: "createdDateTime") },
        { true, GraphSignIn(@"""createdDateTime"":""2024-03-01T10:15+14""", without: "createdDateTime") },
        { true, GraphSignIn(@"""status"":{""errorCode"":""50126"",""failureReason"":""Invalid password""}", without: "status") },
        { true, GraphSignIn(@"""status"":{""errorCode"":1.0}", without: "status") },
        { true, GraphSignIn(@"""tenantId"":12345,""homeTenantId"":""t-1""") },
        { true, GraphSignIn(@"""authenticationRequirement"":""multiFactorAuthentication"",""clientAppUsed"":""IMAP4"",""uniqueTokenIdentifier"":""dGhpcyBpcw""") },
        { true, GraphSignIn(@"""authenticationRequirement"":null,""clientAppUsed"":""-"",""deviceDetail"":{""isCompliant"":""False"",""isManaged"":null}") },
        { false, GraphSignIn("", without: "userId") },
        { false, GraphSignIn(@"""userId"":""-""", without: "userId") },
        { false, GraphSignIn(@"""userPrincipalName"":""""", without: "userId") },
        { false, GraphSignIn(@"""signInEventTypes"":[""servicePrincipal""]") },
        { false, GraphSignIn(@"""servicePrincipalId"":""sp-1"",""signInEventTypes"":[""interactiveUser""]", without: "userId") },
        { false, GraphSignIn("", without: "id") },
        { false, GraphSignIn(@"""id"":null", without: "id") },
        { false, GraphSignIn("", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":""-""", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":""yesterday""", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":""2024-03-01 10:15:30""", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":""2024-03-01T24:00:00Z""", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":""2024-03-01T10:15:30+14:30""", without: "createdDateTime") },
        { false, GraphSignIn(@"""createdDateTime"":1709280000", without: "createdDateTime") },
        { false, GraphSignIn("", without: "status") },
        { false, GraphSignIn(@"""status"":{""errorCode"":""-""}", without: "status") },
        { false, GraphSignIn(@"""status"":{""errorCode"":""abc""}", without: "status") },
        { false, GraphSignIn(@"""status"":{""errorCode"":1.5}", without: "status") },
        { false, GraphSignIn(@"""status"":{""errorCode"":3000000000}", without: "status") },
        { false, GraphSignIn(@"""status"":[0]", without: "status") },
        { false, GraphSignIn(@"""status"":{""errorCode"":0,""failureReason"":{}}", without: "status") },
        { false, GraphSignIn(@"""deviceDetail"":{""deviceId"":[]}") },
        { false, GraphSignIn(@"""deviceDetail"":""laptop""") },
        { false, GraphSignIn(@"""deviceDetail"":{""isCompliant"":""yes""}") },
        { false, GraphSignIn(@"""deviceDetail"":{""isManaged"":1}") },
        { false, GraphSignIn(@"""clientAppUsed"":[""IMAP4""]") },
        { false, GraphSignIn(@"""uniqueTokenIdentifier"":{}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":200,""longitude"":10}}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":59.9}}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":59.9,""longitude"":""-""}}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":""north"",""longitude"":10}}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":{""latitude"":""NaN"",""longitude"":10}}") },
        { false, GraphSignIn(@"""location"":{""geoCoordinates"":[59.9,10.75]}") },
        { false, GraphSignIn(@"""isInteractive"":""yes""") },
        { false, GraphSignIn(@"""signInEventTypes"":""interactiveUser""") },
        { false, GraphSignIn(@"""signInEventTypes"":[""interactiveUser"",1]") },
        { false, GraphSignIn(@"""autonomousSystemNumber"":""AS64500""") },
        { false, GraphSignIn(@"""userAgent"":{""raw"":""x""}") },
        { false, GraphSignIn(@"""riskLevelDuringSignIn"":true") },
        { false, "[]" },
        { false, "{}" },
    };

    /// <summary>Diagnostic-settings envelopes: (valid, json).</summary>
    public static readonly TheoryData<bool, string> Envelopes = new()
    {
        { true, """{"records":[]}""" },
        { true, Envelope(Record("SignInLogs", UserSignIn)) },
        { true, Envelope(Record("NonInteractiveUserSignInLogs", """{"id":"s-1","userPrincipalName":"ada@contoso.com"}""")) },
        { true, Envelope(Record("ServicePrincipalSignInLogs", ServicePrincipalSignIn)) },
        { true, Envelope(Record("ManagedIdentitySignInLogs", ServicePrincipalSignIn)) },
        { true, Envelope(Record("AuditLogs", """{"id":5,"status":"whatever"}"""), Record("RiskyUsers", "[]")) },
        { true, Envelope("""{"category":"UserRiskEvents"}""", """{"category":42,"time":"not a time"}""") },
        { true, Envelope(Record("SignInLogs", UserSignIn), Record("AuditLogs", "{}"), Record("ServicePrincipalSignInLogs", ServicePrincipalSignIn)) },
        { true, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":"50126","properties":{"id":"s-1","userId":"u-1"}}""") },
        { true, Envelope("""{"category":"SignInLogs","resultType":7,"properties":{"id":"s-1","userId":"u-1","createdDateTime":"2024-03-01T08:00:00Z"}}""") },
        { true, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":"Success","properties":{"id":"s-1","userId":"u-1","status":{"errorCode":0}}}""") },
        { true, """{"records":[],"operationName":{"anything":"goes"}}""" },
        { false, """{"records":[5]}""" },
        { false, """{"records":[null]}""" },
        { false, """{"records":[{"properties":{}}]}""" },
        { false, """{"records":[{"category":"","properties":{}}]}""" },
        { false, """{"records":[{"category":["SignInLogs"]}]}""" },
        { false, Envelope(Record("SignInLogs", UserSignIn), """{"category":null}""") },
        { false, Envelope(Record("SignInLogs", """{"id":"s-1","servicePrincipalId":"sp-1","status":{"errorCode":0}}""")) },
        { false, Envelope(Record("ServicePrincipalSignInLogs", UserSignIn)) },
        { false, Envelope(Record("ManagedIdentitySignInLogs", """{"id":"mi-1","servicePrincipalId":"","status":{"errorCode":0}}""")) },
        { false, Envelope(Record("SignInLogs", """{"userId":"u-1","status":{"errorCode":0}}""")) },
        { false, Envelope(Record("SignInLogs", UserSignIn.Replace("\"errorCode\":0", "\"errorCode\":\"x\"", StringComparison.Ordinal))) },
        { false, Envelope(Record("SignInLogs", "null")) },
        { false, Envelope(Record("SignInLogs", "[]")) },
        { false, Envelope("""{"category":"SignInLogs","resultType":"0","properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"-","resultType":"0","properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":"Success","properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":1.5,"properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"soon","resultType":"0","properties":{"id":"s-1","userId":"u-1","createdDateTime":"2024-03-01T08:00:00Z"}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":{"code":0},"properties":{"id":"s-1","userId":"u-1","status":{"errorCode":0}}}""") },
        { false, Envelope("""{"category":"SignInLogs","time":"2024-03-01T08:00:00Z","resultType":"0","callerIpAddress":["203.0.113.7"],"properties":{"id":"s-1","userId":"u-1"}}""") },
        { false, """{"records":{"category":"SignInLogs"}}""" },
        { false, """{"id":"s-1"}""" },
    };

    [Fact]
    public void Graph_sign_ins_are_accepted_exactly_when_the_schema_says_they_are_valid() =>
        AssertAgreement(SignInSchema, SignIns);

    [Fact]
    public void Envelopes_are_accepted_exactly_when_the_schema_says_they_are_valid() =>
        AssertAgreement(EnvelopeSchema, Envelopes);

    [Fact]
    public void The_schemas_are_of_their_names_and_the_envelope_refers_to_the_sign_in_schema_rather_than_copying_it()
    {
        var signIn = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(SchemaValidator.SchemaPath(SignInSchema)))!;
        var envelope = File.ReadAllText(SchemaValidator.SchemaPath(EnvelopeSchema));

        Assert.Equal("https://riskengine.dev/schemas/entra-signin.schema.json", (string?)signIn["$id"]);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)signIn["$schema"]);
        Assert.Contains("\"$ref\": \"entra-signin.schema.json#/$defs/fields\"", envelope, StringComparison.Ordinal);
        Assert.DoesNotContain("\"deviceDetail\"", envelope, StringComparison.Ordinal);
    }

    private static void AssertAgreement(string schema, TheoryData<bool, string> cases)
    {
        var messages = cases.Select(c => (Valid: (bool)c[0], Json: (string)c[1])).ToList();
        var schemaErrors = SchemaValidator.Validate(schema, messages.Select(m => m.Json).ToList());
        var disagreements = new List<string>();
        for (var i = 0; i < messages.Count; i++)
        {
            var (valid, json) = messages[i];
            var records = Decode(json);
            var accepted = records.All(r => r.Outcome != DecodeOutcome.Rejected);
            var schemaValid = schemaErrors[i] is null;
            if (accepted != valid || schemaValid != valid)
            {
                var rejection = records.FirstOrDefault(r => r.Outcome == DecodeOutcome.Rejected).Reason;
                disagreements.Add($"expected {(valid ? "valid" : "invalid")}; decoder {(accepted ? "accepted" : "rejected: " + rejection)}; schema {(schemaValid ? "valid" : "invalid: " + schemaErrors[i])}\n    {json}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.Contains(messages, m => m.Valid);
        Assert.Contains(messages, m => !m.Valid);
    }

    /// <summary><see cref="Sign"/> with <paramref name="without"/> taken out and <paramref name="extra"/> members added.</summary>
    private static string GraphSignIn(string extra, string? without = null)
    {
        var members = new List<string> { @"""id"":""s-1""", @"""createdDateTime"":""2024-03-01T08:00:00Z""", @"""userId"":""u-1""", @"""status"":{""errorCode"":0}" };
        if (without is not null)
        {
            members.RemoveAll(m => m.StartsWith($"\"{without}\"", StringComparison.Ordinal));
        }

        if (extra.Length > 0)
        {
            members.Add(extra);
        }

        return "{" + string.Join(',', members) + "}";
    }
}
