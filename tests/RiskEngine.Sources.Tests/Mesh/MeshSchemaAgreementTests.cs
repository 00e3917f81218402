using System.Text;
using RiskEngine.Sources;
using RiskEngine.Sources.Mesh;
using RiskEngine.Testing;
using static RiskEngine.Sources.Tests.Mesh.MeshLines;

namespace RiskEngine.Sources.Tests.Mesh;

/// <summary>
/// The published schemas and the decoders are two readings of one contract: over a corpus of real, edited
/// and foreign lines, a line the decoder accepts or skips is exactly a line the schema finds valid. The
/// rules no schema can state are listed in the Known_disagreements tests, each with the reason.
/// </summary>
public sealed class MeshSchemaAgreementTests
{
    private const string EnvoySchema = "envoy-access-log.schema.json";
    private const string LinkerdSchema = "linkerd-access-log.schema.json";

    private static readonly EnvoyAccessLogDecoder Envoy = new(new EnvoyAccessLogOptions());
    private static readonly LinkerdAccessLogDecoder Linkerd = new();

    public static TheoryData<string> SchemaFiles => new() { EnvoySchema, LinkerdSchema };

    private static IEnumerable<string> EnvoyCorpus()
    {
        string[] lines = [IstioInbound, IstioOutbound, IstioRbacDenied, IstioTemplatedStrings, IstioTcp];
        foreach (var line in lines)
        {
            yield return line;
        }

        (string Field, string Value)[] edits =
        [
            ("response_code", "\"abc\""), ("response_code", "\"503\""), ("response_code", "\"-\""), ("response_code", "null"),
            ("response_code", "\"\""), ("response_code", "0"), ("response_code", "999"), ("response_code", "1000"),
            ("response_code", "-1"), ("response_code", "200.0"), ("response_code", "200.5"), ("response_code", "true"),
            ("response_code", "\"0200\""), ("response_code", "\" 200\""), ("response_code", "\"\\u0032\\u0030\\u0030\""),
            ("bytes_sent", "\"12kB\""), ("bytes_sent", "\"12\""), ("bytes_sent", "-5"), ("bytes_sent", "1e3"), ("bytes_sent", "1.5"),
            ("bytes_sent", "9223372036854775807"), ("bytes_sent", "9223372036854775808"), ("bytes_sent", "\"123456789012345678\""),
            ("bytes_sent", "\"1234567890123456789\""), ("bytes_received", "[]"),
            ("duration", "\"4ms\""), ("duration", "\"4.25\""), ("duration", "4.25"), ("duration", "\"4.\""), ("duration", "-1"), ("duration", "{}"),
            ("start_time", "\"yesterday\""), ("start_time", "1714564800"), ("start_time", "null"), ("start_time", "\"-\""),
            ("start_time", "\"2024-05-01T12:00:00Z\""), ("start_time", "\"2024-05-01T14:00:00.5+02:00\""), ("start_time", "\"2024-05-01T12:00:00.123456789Z\""),
            ("start_time", "\"2024-05-01 12:00:00.123Z\""), ("start_time", "\"2024-05-01T12:00Z\""), ("start_time", "\"2024-05-01\""),
            ("start_time", "\"2024-13-01T12:00:00Z\""), ("start_time", "\"2024-05-01T24:00:00Z\""), ("start_time", "\"2024-05-01T12:00:00+25:00\""),
            ("start_time", "\"2024-05-01T12:00:00.Z\""), ("start_time", "\"2024-05-01T12:00:00.123z\""),
            ("source_principal", "[\"spiffe://a\"]"), ("source_principal", "42"), ("source_principal", "null"), ("source_principal", "\"\""),
            ("destination_principal", "{}"), ("method", "false"), ("method", "\"PROPFIND\""), ("path", "\"\\/a\\/b?c=d\""),
            ("x_forwarded_for", "\"[2001:db8::2]:443, 10.0.0.1\""), ("downstream_remote_address", "7"), ("user_agent", "\"-\""),
            ("authority", "null"), ("response_flags", "1"), ("upstream_cluster", "{\"any\":\"thing\"}"), ("extra_field", "[1,{\"a\":null}]"),
        ];
        foreach (var (field, value) in edits)
        {
            yield return With(IstioInbound, field, value);
        }

        yield return Without(IstioInbound, "start_time");
        yield return Without(Without(IstioInbound, "source_principal"), "downstream_peer_uri_san");
        yield return IstioInbound[..(IstioInbound.Length / 2)];
        yield return "{\"start_time\":\"2024-05-01T12:00:00.123Z\"}";
        yield return "{\"start_time\":\"2024-05-01T12:00:00.123Z\",\"downstream_peer_uri_san\":\"spiffe://cluster.local/ns/a/sa/b\",\"method\":\"GET\"}";
        yield return "{}";
        yield return "[]";
        yield return "\"GET /status/418\"";
        yield return "not json";
        yield return EntraSignIn;
        yield return OpaDecision;
        yield return OktaLogEvent;
        yield return LinkerdDocs[0];
    }

    private static IEnumerable<string> LinkerdCorpus()
    {
        foreach (var line in LinkerdDocs)
        {
            yield return line;
        }

        (string Field, string Value)[] edits =
        [
            ("status", "\"abc\""), ("status", "\"503\""), ("status", "1200"), ("status", "null"), ("status", "404.0"), ("status", "\"0404\""),
            ("total_ns", "\"fast\""), ("total_ns", "2500000"), ("total_ns", "\"-\""), ("total_ns", "-1"),
            ("request_bytes", "\"-3\""), ("request_bytes", "\"\""), ("request_bytes", "33"), ("response_bytes", "true"),
            ("timestamp", "\"Tue, 23 Aug 2022 20:33:42 GMT\""), ("timestamp", "\"2022-08-23T20:33:42Z\""), ("timestamp", "\"\""), ("timestamp", "null"),
            ("client.id", "{}"), ("client.id", "null"), ("client.id", "\"-\""), ("client.addr", "\"[fd00::1]:4143\""), ("client.addr", "5"),
            ("uri", "\"http://webapp:7000/books?id=4&token=s3cr3t\""), ("uri", "[]"), ("host", "null"), ("method", "1"),
            ("trace_id", "\"4bf92f3577b34da6a3ce929d0e0e4736\""), ("version", "2"), ("processing_ns", "{}"),
        ];
        foreach (var (field, value) in edits)
        {
            yield return With(LinkerdDocs[0], field, value);
        }

        yield return Without(LinkerdDocs[0], "timestamp");
        yield return Without(LinkerdDocs[0], "client.id");
        yield return Without(Without(Without(LinkerdDocs[0], "client.id"), "client.addr"), "uri");
        yield return Without(LinkerdDocs[0], "status");
        yield return LinkerdDocs[0][..80];
        yield return "{\"timestamp\":\"2022-08-23T20:33:42.321746212Z\",\"uri\":\"/\"}";
        yield return "{}";
        yield return "[]";
        yield return "not json";
        yield return EntraSignIn;
        yield return OpaDecision;
        yield return OktaLogEvent;
        yield return IstioInbound;
    }

    [Fact]
    public void The_envoy_decoder_accepts_or_skips_exactly_the_lines_the_schema_finds_valid() =>
        AssertAgreement(Envoy, EnvoySchema, [.. EnvoyCorpus()]);

    [Fact]
    public void The_linkerd_decoder_accepts_or_skips_exactly_the_lines_the_schema_finds_valid() =>
        AssertAgreement(Linkerd, LinkerdSchema, [.. LinkerdCorpus()]);

    [Fact]
    public void The_corpora_exercise_every_outcome()
    {
        // Agreement over a corpus the decoder only accepts would prove little.
        foreach (var (decoder, corpus) in new (IEventDecoder, string[])[] { (Envoy, [.. EnvoyCorpus()]), (Linkerd, [.. LinkerdCorpus()]) })
        {
            var records = corpus.Select(line => Decode(decoder, line)).ToList();
            Assert.Contains(records, r => r.Outcome == DecodeOutcome.Accepted);
            Assert.Contains(records, r => r.Outcome == DecodeOutcome.Skipped);
            foreach (var code in new[] { RejectionCode.MalformedJson, RejectionCode.WrongShape, RejectionCode.InvalidField, RejectionCode.MissingField })
            {
                Assert.Contains(records, r => r.Outcome == DecodeOutcome.Rejected && r.Code == code);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void The_schema_is_draft_2020_12_with_its_published_id(string schemaFile)
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SchemaValidator.SchemaPath(schemaFile)));
        var root = schema.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal($"https://riskengine.dev/schemas/{schemaFile}", root.GetProperty("$id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));
    }

    [Fact]
    public void Known_disagreements_are_the_rules_a_schema_cannot_state()
    {
        string[] envoyOnly =
        [
            // A calendar: the pattern checks each part's range, not that April has 30 days or that year 0 does not exist.
            With(IstioInbound, "start_time", "\"2024-02-30T12:00:00.000Z\""),
            With(IstioInbound, "start_time", "\"0000-01-01T00:00:00Z\""),

            // A repeated property: Python's json keeps the last value, the decoder checks every value it reads.
            IstioInbound.Insert(1, "\"response_code\":\"abc\","),

            // A lone surrogate escape: Python's json makes a string of it, .NET refuses text that is not Unicode.
            With(IstioInbound, "user_agent", "\"curl\\ud800\""),
        ];
        string[] linkerdOnly = [With(LinkerdDocs[0], "timestamp", "\"2022-04-31T20:33:42.321746212Z\"")];

        AssertDisagreement(Envoy, EnvoySchema, envoyOnly);
        AssertDisagreement(Linkerd, LinkerdSchema, linkerdOnly);

        // Principal field names are configured; the schema knows only the default names. Under other names a
        // wrongly typed principal is invisible to the schema but still refused by a decoder configured for it.
        var custom = new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions { SourcePrincipalFields = ["peer"] });
        AssertDisagreement(custom, EnvoySchema, [With(IstioInbound, "peer", "42")]);
    }

    private static DecodedRecord Decode(IEventDecoder decoder, string line)
    {
        var records = new List<DecodedRecord>();
        decoder.Decode(Encoding.UTF8.GetBytes(line), records);
        return Assert.Single(records);
    }

    private static void AssertAgreement(IEventDecoder decoder, string schemaFile, string[] corpus)
    {
        var errors = SchemaValidator.Validate(schemaFile, corpus);
        var disagreements = new List<string>();
        for (var i = 0; i < corpus.Length; i++)
        {
            var record = Decode(decoder, corpus[i]);
            var decoderValid = record.Outcome != DecodeOutcome.Rejected;
            var schemaValid = errors[i] is null;
            if (decoderValid != schemaValid)
            {
                disagreements.Add($"decoder {record.Outcome} ({record.Reason}), schema {errors[i] ?? "valid"}: {corpus[i]}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static void AssertDisagreement(IEventDecoder decoder, string schemaFile, string[] lines)
    {
        var errors = SchemaValidator.Validate(schemaFile, lines);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(DecodeOutcome.Rejected, Decode(decoder, lines[i]).Outcome);
            Assert.True(errors[i] is null, $"the schema now refuses this too; move it to the corpus: {lines[i]}");
        }
    }
}
