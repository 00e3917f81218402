using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using static RiskEngine.Sources.Tests.Entra.EntraTestSupport;

namespace RiskEngine.Sources.Tests.Entra;

/// <summary>
/// The decoder reads most members from the bytes without tokenizing them (JsonCursor), and hands back to
/// Utf8JsonReader for escapes, odd values and anything that may not be JSON. These tests hold the two paths to one
/// result: the same message laid out so that one or the other reads it decodes alike, and a message is refused as
/// malformed exactly when the reader refuses it, with the reader's own words.
/// </summary>
public sealed class EntraSkippingTests
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>A record the size and shape Entra writes (conditional access, authentication details and all).</summary>
    private static string RealisticRecord(int index, string category = "SignInLogs") => $$$"""
        {"time":"2026-11-22T08:{{{index % 60:D2}}}:00.1234567Z","resourceId":"/tenants/72f988bf/providers/Microsoft.aadiam","operationName":"Sign-in activity","operationVersion":"1.0","category":"{{{category}}}","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","resultType":"0","resultSignature":"None","resultDescription":"","durationMs":0,"callerIpAddress":"203.0.113.{{{index}}}","correlationId":"9b2c-{{{index}}}","identity":"User {{{index}}}","Level":4,"location":"NO","properties":{"id":"66ea54eb-{{{index}}}","createdDateTime":"2026-11-22T08:{{{index % 60:D2}}}:01.1234567+00:00","userDisplayName":"User {{{index}}}","userPrincipalName":"user{{{index}}}@contoso.com","userId":"d1f5a3b2-{{{index}}}","appId":"00000002-0000-0ff1-ce00-000000000000","appDisplayName":"Office 365 Exchange Online","ipAddress":"203.0.113.{{{index}}}","clientAppUsed":"Browser","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0","isInteractive":true,"riskDetail":"none","riskLevelDuringSignIn":"none","riskEventTypes":[],"riskEventTypes_v2":[],"resourceDisplayName":"Office 365 Exchange Online","servicePrincipalId":"","homeTenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","signInEventTypes":["interactiveUser"],"autonomousSystemNumber":64500,"sessionId":"5a1c0f3e-{{{index}}}","processingTimeInMilliseconds":93.5,"flags":[true,false,null,-1.5e-3],"status":{"errorCode":0,"additionalDetails":"MFA requirement satisfied"},"deviceDetail":{"deviceId":"b7c4a3f0-{{{index}}}","displayName":"LAPTOP-{{{index}}}","operatingSystem":"Windows 10","browser":"Edge 120.0.0","isCompliant":true,"trustType":"Azure AD joined"},"location":{"city":"Oslo","state":"Oslo","countryOrRegion":"NO","geoCoordinates":{"altitude":null,"latitude":59.91,"longitude":10.75}},"mfaDetail":{"authMethod":"Microsoft Authenticator app","authDetail":null},"appliedConditionalAccessPolicies":[{"id":"8a7b6c5d","displayName":"Require MFA \"all\" users","enforcedGrantControls":["Mfa"],"enforcedSessionControls":[],"result":"success"}],"authenticationDetails":[{"authenticationStepDateTime":"2026-11-22T08:00:00Z","authenticationMethod":"Password","succeeded":true,"StatusSequence":0}],"networkLocationDetails":[{"networkType":"trustedNamedNetwork","networkNames":["Oslo office"]}]}}
        """;

    private static string RealisticEnvelope() =>
        Envelope(RealisticRecord(1), RealisticRecord(2, "NonInteractiveUserSignInLogs"), RealisticRecord(3, "AuditLogs"), RealisticRecord(4, "ServicePrincipalSignInLogs"), RealisticRecord(5));

    /// <summary>The same JSON with every name and string written as \u escapes, so the reader reads every member itself.</summary>
    private static byte[] FullyEscaped(string json) => Rewrite(json, indented: false, JavaScriptEncoder.Create(UnicodeRanges.None));

    /// <summary>The same JSON indented, so the bytes the scanner reads are full of white space.</summary>
    private static byte[] Indented(string json) => Rewrite(json, indented: true, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private static byte[] Rewrite(string json, bool indented, JavaScriptEncoder encoder)
    {
        var node = JsonNode.Parse(json)!;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = encoder }))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>What a decoding says, without the byte ranges (which move with the layout).</summary>
    private static string Describe(IEnumerable<DecodedRecord> records) => string.Join(
        "\n",
        records.Select(r => $"{r.RecordIndex} {r.Outcome} {r.Code} {r.Reason} {(r.Event is null ? "" : JsonSerializer.Serialize(r.Event))}"));

    [Fact]
    public void A_message_decodes_alike_however_it_is_laid_out()
    {
        var json = RealisticEnvelope();
        var fullyEscaped = FullyEscaped(json);
        Assert.Contains("\\u0063\\u0061\\u0074", Encoding.UTF8.GetString(fullyEscaped), StringComparison.Ordinal); // "cat" of category, escaped

        var compact = Describe(Decode(json));

        Assert.Equal(compact, Describe(Decode(fullyEscaped)));
        Assert.Equal(compact, Describe(Decode(Indented(json))));
        Assert.Equal(
            [DecodeOutcome.Accepted, DecodeOutcome.Accepted, DecodeOutcome.Skipped, DecodeOutcome.Rejected, DecodeOutcome.Accepted],
            Decode(json).Select(r => r.Outcome));
        Assert.Contains("entra:AuditLogs", compact, StringComparison.Ordinal);
        Assert.Contains("no servicePrincipalId", compact, StringComparison.Ordinal); // "servicePrincipalId":"" is none
    }

    [Fact]
    public void A_graph_sign_in_decodes_alike_however_it_is_laid_out()
    {
        var json = JsonNode.Parse(RealisticRecord(7))!["properties"]!.ToJsonString();

        var compact = Describe(Decode(json));

        Assert.Equal(compact, Describe(Decode(FullyEscaped(json))));
        Assert.Equal(compact, Describe(Decode(Indented(json))));
        Assert.Contains("Accepted", compact, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_messages_are_malformed_exactly_when_the_reader_says_so_and_otherwise_decode_as_the_reader_reads_them()
    {
        var originals = new[]
        {
            Encoding.UTF8.GetBytes(RealisticEnvelope()),
            Encoding.UTF8.GetBytes(JsonNode.Parse(RealisticRecord(9))!["properties"]!.ToJsonString()),
        };
        var random = new Random(20261122);
        var alphabet = "{}[],:\"\\ 0-.eE+tfnul/\u0001x"u8.ToArray();
        var malformed = 0;
        var decodedByBothPaths = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var original = originals[trial % originals.Length];
            var message = Mutate(original, random, alphabet);
            var error = PlainReaderError(message);
            var records = Decode(message);

            if (error is not null)
            {
                malformed++;
                var record = Assert.Single(records);
                Assert.True(record.Code == RejectionCode.MalformedJson, $"{record.Code} {record.Reason} / {error}\n{Difference(original, message)}");
                Assert.Equal(RejectionCode.MalformedJson, record.Code);
                Assert.Equal($"not valid JSON: {error}", record.Reason);
                continue;
            }

            Assert.DoesNotContain(records, r => r.Code == RejectionCode.MalformedJson && r.Outcome == DecodeOutcome.Rejected);

            // Valid JSON: the reader reading every member itself must come to the same result.
            var rewritten = TryRewriteEscaped(message);
            if (rewritten is not null)
            {
                decodedByBothPaths++;
                var (compact, escaped) = (Describe(records), Describe(Decode(rewritten)));
                Assert.True(compact == escaped, $"{Difference(original, message)}\n{compact}\n---\n{escaped}");
            }
        }

        // The mutations must have produced both kinds in numbers, or the test proves little.
        Assert.InRange(malformed, 500, 2900);
        Assert.True(decodedByBothPaths > 100, $"only {decodedByBothPaths} valid mutations could be compared");
    }

    [Theory]
    [InlineData("\"status\":{\"errorCode\":\"x\"}", DecodeOutcome.Rejected)]
    [InlineData("\"city\":\"Troms\\u00f8\",\"status\":{\"errorCode\":0}", DecodeOutcome.Accepted)]
    [InlineData("\"status\":{\"errorCode\":0}", DecodeOutcome.Accepted)]
    public void A_record_the_bytes_cannot_be_read_from_is_read_by_the_reader_without_repeating_its_neighbours(string lastMembers, DecodeOutcome lastOutcome)
    {
        // The first records are read from the bytes; the last one needs the reader (an error, an escape), which
        // then reads the whole array again: each record must still come out once, in order.
        var last = Record("SignInLogs", "{\"id\":\"s-3\",\"userId\":\"u-3\"," + lastMembers + "}");
        var message = Envelope(Record("SignInLogs", UserSignIn), Record("AuditLogs", "{}"), last);

        var records = Decode(message);

        Assert.Equal([0, 1, 2], records.Select(r => r.RecordIndex));
        Assert.Equal([DecodeOutcome.Accepted, DecodeOutcome.Skipped, lastOutcome], records.Select(r => r.Outcome));
        Assert.Equal(message.IndexOf(last, StringComparison.Ordinal), records[2].Raw.Start.Value);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    public void Nesting_in_a_skipped_value_is_limited_as_the_reader_limits_it(int depth)
    {
        // records[0].properties.deep: the value starts at depth 4.
        var deep = new string('[', depth) + new string(']', depth);
        var json = Envelope(Record("SignInLogs", UserSignIn.Replace("\"status\"", $"\"deep\":{deep},\"status\"", StringComparison.Ordinal)));
        var message = Encoding.UTF8.GetBytes(json);

        var error = PlainReaderError(message);
        var record = Assert.Single(Decode(message));

        if (error is null)
        {
            Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        }
        else
        {
            Assert.Equal($"not valid JSON: {error}", record.Reason);
        }
    }

    [Fact]
    public void Escaped_property_names_are_the_names_they_spell()
    {
        var signIn = Accepted("""{"\u0069d":"s-1","createdDateTime":"2024-03-01T08:00:00Z","user\u0049d":"u-1","st\u0061tus":{"errorCode":0},"\u0061ppDisplayName":"Office"}""");

        Assert.Equal("s-1", signIn.EventId);
        Assert.Equal("u-1", signIn.IdentityId);
        Assert.Equal("Office", signIn.AppDisplayName);
    }

    [Theory]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":[1,2,],"userId":"u-1"}}]}""")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":{"a":1,},"userId":"u-1"}}]}""")]
    [InlineData("{\"records\":[{\"category\":\"SignInLogs\",\"properties\":{\"id\":\"s-1\",\"x\":\"tab\tin string\",\"userId\":\"u-1\"}}]}")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":01,"userId":"u-1"}}]}""")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":"\x","userId":"u-1"}}]}""")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":tru,"userId":"u-1"}}]}""")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":[1 2],"userId":"u-1"}}]}""")]
    [InlineData("""{"records":[{"category":"AuditLogs","properties":{"id":"a-1",}}]}""")]
    [InlineData("""{"records":[{"category":"SignInLogs","properties":{"id":"s-1","x":/*c*/1,"userId":"u-1"}}]}""")]
    public void Malformed_json_inside_a_skipped_value_is_malformed_json(string json)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
        Assert.Equal($"not valid JSON: {PlainReaderError(Encoding.UTF8.GetBytes(json))}", record.Reason);
    }

    /// <summary>Where <paramref name="mutated"/> departs from <paramref name="original"/>, for a failure message.</summary>
    private static string Difference(byte[] original, byte[] mutated)
    {
        var start = 0;
        while (start < original.Length && start < mutated.Length && original[start] == mutated[start])
        {
            start++;
        }

        var from = Math.Max(0, start - 60);
        return $"at {start}: ...{Encoding.UTF8.GetString(mutated.AsSpan(from, Math.Min(160, mutated.Length - from)))}...";
    }

    private static byte[] Mutate(byte[] original, Random random, byte[] alphabet)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 3);
        for (var edit = 0; edit < edits; edit++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    bytes[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    var length = Math.Min(random.Next(1, 12), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static string? PlainReaderError(byte[] message)
    {
        var reader = new Utf8JsonReader(message, ReaderOptions);
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }

    private static byte[]? TryRewriteEscaped(byte[] message)
    {
        try
        {
            return FullyEscaped(Encoding.UTF8.GetString(message));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null; // duplicate keys, a value too deep for JsonNode, a number it will not keep: not comparable
        }
    }
}
