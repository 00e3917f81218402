using System.Text;
using RiskEngine.Sources.Okta;
using RiskEngine.Testing;

namespace RiskEngine.Sources.Tests.Okta;

/// <summary>
/// The decoder and <c>schemas/okta-log-event.schema.json</c> are two readings of one contract: for every
/// LogEvent of the corpus the decoder accepts it (scored or skipped) exactly when the schema, checked by an
/// independent validator, says it is valid. The few rules a JSON Schema cannot state are listed as gaps, each
/// with why, and the test holds them to their documented direction so neither side drifts unnoticed.
/// </summary>
public sealed class OktaSchemaAgreementTests
{
    private const string Schema = "okta-log-event.schema.json";

    private const string Minimal = """{"uuid":"e-1","published":"2024-03-01T08:00:00.000Z","eventType":"user.session.start","actor":{"id":"00u1","type":"User"},"outcome":{"result":"SUCCESS"}}""";

    private static readonly OktaLogEventDecoder Decoder = new();

    /// <summary>One LogEvent; <see cref="LogEventCase.Gap"/> names a rule the schema cannot state, where the two must disagree.</summary>
    public sealed record LogEventCase(string Name, string Json, bool Accepted, string? Gap = null);

    private static string With(string properties) => Minimal[..^1] + "," + properties + "}";

    private static string Geolocation(string lat, string lon) => With($"\"client\":{{\"geographicalContext\":{{\"geolocation\":{{\"lat\":{lat},\"lon\":{lon}}}}}}}");

    private static string AsNumber(string value) => With($"\"securityContext\":{{\"asNumber\":{value}}}");

    private static string Published(string value) => Minimal.Edit("\"2024-03-01T08:00:00.000Z\"", value);

    public static IEnumerable<LogEventCase> Corpus() =>
    [
        // Accepted: scored, skipped, and the tolerated ways producers write values.
        new LogEventCase("the documented example", OktaLogEvents.SessionStart, true),
        new LogEventCase("single sign-on", OktaLogEvents.SingleSignOn, true),
        new LogEventCase("push approved", OktaLogEvents.PushApproved, true),
        new LogEventCase("push denied (Identity Engine)", OktaLogEvents.PushDeniedIdentityEngine, true),
        new LogEventCase("push denied (Classic)", OktaLogEvents.PushDeniedClassic, true),
        new LogEventCase("push denied (Classic) without an outcome", OktaLogEvents.PushDeniedClassic.Edit("\"outcome\": { \"result\": \"FAILURE\", \"reason\": null }", "\"outcome\": null"), true),
        new LogEventCase("push sent", OktaLogEvents.PushSent, true),
        new LogEventCase("failed sign-in", OktaLogEvents.FailedSessionStart, true),
        new LogEventCase("skipped policy evaluation", OktaLogEvents.PolicyEvaluation, true),
        new LogEventCase("skipped event without an outcome by an unresolved actor", """{"uuid":"c41d","published":"2024-03-01T02:16:41.902Z","eventType":"security.threat.detected","actor":{"id":"unknown"}}""", true),
        new LogEventCase("minimal", Minimal, true),
        new LogEventCase("every context null", With("\"client\":null,\"device\":null,\"target\":null,\"securityContext\":null,\"authenticationContext\":null,\"debugContext\":null"), true),
        new LogEventCase("nulls inside the contexts", With("\"client\":{\"ipAddress\":null,\"userAgent\":null,\"geographicalContext\":{\"city\":null,\"geolocation\":null}},\"securityContext\":{\"asNumber\":null}"), true),
        new LogEventCase("dashes and empty strings for optional values", With("\"client\":{\"ipAddress\":\"-\",\"geographicalContext\":{\"city\":\"\",\"geolocation\":{\"lat\":\"-\",\"lon\":\"\"}}},\"securityContext\":{\"asNumber\":\"\"}"), true),
        new LogEventCase("coordinates as strings", Geolocation("\"59.91\"", "\"-10.75e0\""), true),
        new LogEventCase("coordinates at the edges", Geolocation("-90", "180"), true),
        new LogEventCase("coordinates as .5 and +5.", Geolocation("\".5\"", "\"+5.\""), true),
        new LogEventCase("managed as a string", With("\"device\":{\"managed\":\"True\"}"), true),
        new LogEventCase("managed absent as a dash", With("\"device\":{\"managed\":\"-\"}"), true),
        new LogEventCase("AS number as a string", AsNumber("\"64500\""), true),
        new LogEventCase("AS number with a zero fraction", AsNumber("64500.0"), true),
        new LogEventCase("AS number zero", AsNumber("0"), true),
        new LogEventCase("AS number at the top of the range", AsNumber("2147483647"), true),
        new LogEventCase("numeric actor id", Minimal.Edit("\"id\":\"00u1\"", "\"id\":12345"), true),
        new LogEventCase("unknown fields anywhere", With("\"newField\":{\"a\":[1,2]},\"client\":{\"zone\":\"null\",\"somethingNew\":true}"), true),
        new LogEventCase("targets of every kind", With("\"target\":[{\"id\":\"0oa1\",\"type\":\"AppInstance\",\"displayName\":\"Slack\",\"detailEntry\":{\"k\":1}},{\"type\":null}]"), true),
        new LogEventCase("published with an offset", Published("\"2024-03-01T10:00:00+02:00\""), true),
        new LogEventCase("published with +14:00 and nine fraction digits", Published("\"2024-03-01T22:00:00.123456789+14:00\""), true),
        new LogEventCase("published without a fraction", Published("\"2024-03-01T08:00:00Z\""), true),
        new LogEventCase("published escaped", Published("\"2024-03-01T08:00:00\\u002E000Z\""), true),
        new LogEventCase("debug data of any shape", With("\"debugContext\":{\"debugData\":{\"pushOnlyResponseType\":[1],\"risk\":{}}}"), true),

        // Rejected: missing what an event cannot be without.
        new LogEventCase("managed neither a boolean nor its text", With("\"device\":{\"managed\":\"yes\"}"), false),
        new LogEventCase("managed a number", With("\"device\":{\"managed\":1}"), false),
        new LogEventCase("no uuid", Minimal.Edit("\"uuid\":\"e-1\",", ""), false),
        new LogEventCase("uuid empty", Minimal.Edit("\"e-1\"", "\"\""), false),
        new LogEventCase("uuid dash", Minimal.Edit("\"e-1\"", "\"-\""), false),
        new LogEventCase("uuid null", Minimal.Edit("\"e-1\"", "null"), false),
        new LogEventCase("uuid an object", Minimal.Edit("\"e-1\"", "{}"), false),
        new LogEventCase("no published", Minimal.Edit("\"published\":\"2024-03-01T08:00:00.000Z\",", ""), false),
        new LogEventCase("published null", Published("null"), false),
        new LogEventCase("published dash", Published("\"-\""), false),
        new LogEventCase("published yesterday", Published("\"yesterday\""), false),
        new LogEventCase("published without a zone", Published("\"2024-03-01T08:00:00\""), false),
        new LogEventCase("published a date only", Published("\"2024-03-01\""), false),
        new LogEventCase("published a number", Published("1709280000"), false),
        new LogEventCase("published in lower case", Published("\"2024-03-01t08:00:00z\""), false),
        new LogEventCase("published with ten fraction digits", Published("\"2024-03-01T08:00:00.1234567890Z\""), false),
        new LogEventCase("published with a short offset", Published("\"2024-03-01T08:00:00+02\""), false),
        new LogEventCase("published at hour 24", Published("\"2024-03-01T24:00:00Z\""), false),
        new LogEventCase("published with a leap second", Published("\"2024-03-01T08:00:60Z\""), false),
        new LogEventCase("published beyond +14:00", Published("\"2024-03-01T08:00:00+14:30\""), false),
        new LogEventCase("no eventType", Minimal.Edit("\"eventType\":\"user.session.start\",", ""), false),
        new LogEventCase("eventType dash", Minimal.Edit("\"user.session.start\"", "\"-\""), false),
        new LogEventCase("eventType an array", Minimal.Edit("\"user.session.start\"", "[\"user.session.start\"]"), false),
        new LogEventCase("an event hook delivery's own type", Minimal.Edit("\"user.session.start\"", "\"com.okta.event_hook\""), false),
        new LogEventCase("no actor", Minimal.Edit(",\"actor\":{\"id\":\"00u1\",\"type\":\"User\"}", ""), false),
        new LogEventCase("actor null", Minimal.Edit("{\"id\":\"00u1\",\"type\":\"User\"}", "null"), false),
        new LogEventCase("actor a string", Minimal.Edit("{\"id\":\"00u1\",\"type\":\"User\"}", "\"00u1\""), false),
        new LogEventCase("actor without an id", Minimal.Edit("\"id\":\"00u1\",", ""), false),
        new LogEventCase("actor id empty", Minimal.Edit("\"00u1\"", "\"\""), false),
        new LogEventCase("actor id null", Minimal.Edit("\"00u1\"", "null"), false),
        new LogEventCase("actor id a boolean", Minimal.Edit("\"00u1\"", "true"), false),
        new LogEventCase("actor alternateId an object", Minimal.Edit("\"type\":\"User\"", "\"type\":\"User\",\"alternateId\":{}"), false),
        new LogEventCase("a sign-in by an unresolved actor", Minimal.Edit("\"00u1\"", "\"unknown\""), false),
        new LogEventCase("a sign-in without an outcome", Minimal.Edit(",\"outcome\":{\"result\":\"SUCCESS\"}", ""), false),
        new LogEventCase("a sign-in with a null outcome", Minimal.Edit("{\"result\":\"SUCCESS\"}", "null"), false),
        new LogEventCase("a sign-in without outcome.result", Minimal.Edit("{\"result\":\"SUCCESS\"}", "{\"reason\":\"x\"}"), false),
        new LogEventCase("a sign-in with outcome.result dash", Minimal.Edit("\"SUCCESS\"", "\"-\""), false),
        new LogEventCase("a push sent without an outcome", OktaLogEvents.PushSent.Edit("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "\"outcome\": null"), false),
        new LogEventCase("a session end without an outcome", Minimal.Edit("user.session.start", "user.session.end").Edit(",\"outcome\":{\"result\":\"SUCCESS\"}", ""), false),

        // Rejected: fields of the wrong type or out of range, in scored and skipped events alike.
        new LogEventCase("outcome a string", Minimal.Edit("{\"result\":\"SUCCESS\"}", "\"SUCCESS\""), false),
        new LogEventCase("outcome.result an array", Minimal.Edit("\"SUCCESS\"", "[\"SUCCESS\"]"), false),
        new LogEventCase("outcome.reason a boolean", Minimal.Edit("{\"result\":\"SUCCESS\"}", "{\"result\":\"FAILURE\",\"reason\":false}"), false),
        new LogEventCase("client an array", With("\"client\":[]"), false),
        new LogEventCase("client.ipAddress a boolean", With("\"client\":{\"ipAddress\":true}"), false),
        new LogEventCase("userAgent a number", With("\"client\":{\"userAgent\":5}"), false),
        new LogEventCase("userAgent.browser an object", With("\"client\":{\"userAgent\":{\"browser\":{}}}"), false),
        new LogEventCase("geographicalContext.country an array", With("\"client\":{\"geographicalContext\":{\"country\":[]}}"), false),
        new LogEventCase("geolocation a string", With("\"client\":{\"geographicalContext\":{\"geolocation\":\"37.77,-122.42\"}}"), false),
        new LogEventCase("lat above 90", Geolocation("90.0001", "0"), false),
        new LogEventCase("lat below -90", Geolocation("-91", "0"), false),
        new LogEventCase("lon above 180", Geolocation("0", "180.5"), false),
        new LogEventCase("lon below -180", Geolocation("0", "-181"), false),
        new LogEventCase("lat without lon", With("\"client\":{\"geographicalContext\":{\"geolocation\":{\"lat\":37.77}}}"), false),
        new LogEventCase("lon without lat", With("\"client\":{\"geographicalContext\":{\"geolocation\":{\"lon\":-122.42}}}"), false),
        new LogEventCase("lat dash with a lon", Geolocation("\"-\"", "-122.42"), false),
        new LogEventCase("lat null with a lon", Geolocation("null", "-122.42"), false),
        new LogEventCase("lat \"NaN\"", Geolocation("\"NaN\"", "0"), false),
        new LogEventCase("lat \"nan\"", Geolocation("\"nan\"", "0"), false),
        new LogEventCase("lon \"Infinity\"", Geolocation("0", "\"Infinity\""), false),
        new LogEventCase("lat \"-Infinity\"", Geolocation("\"-Infinity\"", "0"), false),
        new LogEventCase("lat a boolean", Geolocation("true", "0"), false),
        new LogEventCase("lat an object", Geolocation("{}", "0"), false),
        new LogEventCase("lat in degrees and minutes", Geolocation("\"37°46'N\"", "0"), false),
        new LogEventCase("lat hexadecimal", Geolocation("\"0x10\"", "0"), false),
        new LogEventCase("an out-of-range lat in a skipped event", OktaLogEvents.PolicyEvaluation.Edit("\"lat\": 37.7749", "\"lat\": 137.7749"), false),
        new LogEventCase("AS number negative", AsNumber("-1"), false),
        new LogEventCase("AS number with a fraction", AsNumber("1.5"), false),
        new LogEventCase("AS number above the range", AsNumber("3000000000"), false),
        new LogEventCase("AS number with its prefix", AsNumber("\"AS64500\""), false),
        new LogEventCase("AS number \"NaN\"", AsNumber("\"NaN\""), false),
        new LogEventCase("AS number a negative string", AsNumber("\"-5\""), false),
        new LogEventCase("AS number a boolean", AsNumber("false"), false),
        new LogEventCase("securityContext a string", With("\"securityContext\":\"clean\""), false),
        new LogEventCase("authenticationContext.externalSessionId an array", With("\"authenticationContext\":{\"externalSessionId\":[]}"), false),
        new LogEventCase("device a string", With("\"device\":\"iPhone\""), false),
        new LogEventCase("device.os_platform an object", With("\"device\":{\"os_platform\":{}}"), false),
        new LogEventCase("target an object", With("\"target\":{\"type\":\"AppInstance\"}"), false),
        new LogEventCase("target with a number", With("\"target\":[5]"), false),
        new LogEventCase("target displayName an object", With("\"target\":[{\"type\":\"AppInstance\",\"displayName\":{}}]"), false),
        new LogEventCase("target type an array", With("\"target\":[{\"type\":[\"AppInstance\"]}]"), false),
        new LogEventCase("a type error in a skipped event", OktaLogEvents.PolicyEvaluation.Edit("\"ipAddress\": \"12.97.85.90\"", "\"ipAddress\": {}"), false),

        // Rejected: JSON of another format.
        new LogEventCase("an Entra signIn", OktaLogEvents.EntraSignIn, false),
        new LogEventCase("an Envoy access log line", OktaLogEvents.EnvoyAccessLog, false),
        new LogEventCase("an empty object", "{}", false),

        // Gaps: rules a JSON Schema cannot state. The decoder is right in each; the schema is as close as it gets.
        new LogEventCase("lat \"200\"", Geolocation("\"200\"", "0"), false, Gap: "JSON Schema bounds numbers, not numbers written as strings: a pattern cannot say \"at most 90\""),
        new LogEventCase("lat \"1e999\"", Geolocation("\"1e999\"", "0"), false, Gap: "the string is numeric by pattern, but the number it names overflows to infinity"),
        new LogEventCase("lat \" 59.9\"", Geolocation("\" 59.9\"", "10.75"), true, Gap: "the decoder reads numbers as .NET does, tolerating surrounding white space; the schema's pattern does not admit it, to keep the pattern plain"),
        new LogEventCase("published on February 30th", Published("\"2024-02-30T08:00:00Z\""), false, Gap: "a pattern cannot know how many days a month has; the decoder's parser does"),
        new LogEventCase("AS number \"9999999999\"", AsNumber("\"9999999999\""), false, Gap: "ten digits can exceed 2147483647; the pattern bounds digits, not the value"),
        new LogEventCase("lat NaN literal", Geolocation("NaN", "0"), false, Gap: "NaN is not JSON and the decoder refuses it as malformed, but the validator's parser (Python's json) accepts it, and NaN compares false against minimum and maximum"),
    ];

    [Fact]
    public void The_corpus_names_are_unique()
    {
        var names = Corpus().Select(c => c.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_decoder_accepts_exactly_what_the_schema_validates()
    {
        var corpus = Corpus().ToList();
        var schemaErrors = SchemaValidator.Validate(Schema, corpus.Select(c => c.Json).ToList());

        var disagreements = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var (name, json, expected, gap) = corpus[i];
            var record = Decode(json);
            var decoderAccepts = record.Outcome != DecodeOutcome.Rejected;
            var schemaAccepts = schemaErrors[i] is null;
            var schemaExpected = gap is null ? expected : !expected;
            if (decoderAccepts != expected)
            {
                disagreements.Add($"{name}: the decoder {(decoderAccepts ? "accepts" : "rejects")} it ({record.Outcome}: {record.Reason}), expected {(expected ? "accepted" : "rejected")}");
            }

            if (schemaAccepts != schemaExpected)
            {
                disagreements.Add($"{name}: the schema {(schemaAccepts ? "validates" : "refuses")} it ({schemaErrors[i]}), expected {(schemaExpected ? "valid" : "invalid")}{(gap is null ? "" : $" (a documented gap: {gap})")}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    [Fact]
    public void The_schema_is_published_with_its_id_and_draft()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SchemaValidator.SchemaPath(Schema)));

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("https://riskengine.dev/schemas/okta-log-event.schema.json", schema.RootElement.GetProperty("$id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(schema.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(schema.RootElement.GetProperty("description").GetString()));
    }

    private static DecodedRecord Decode(string json)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(Encoding.UTF8.GetBytes(json), records);
        return Assert.Single(records);
    }
}
