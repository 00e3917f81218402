using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Sources;
using RiskEngine.Sources.Mesh;
using static RiskEngine.Sources.Tests.Mesh.MeshLines;

namespace RiskEngine.Sources.Tests.Mesh;

public sealed class LinkerdAccessLogDecoderTests
{
    private static readonly LinkerdAccessLogDecoder Decoder = new();

    private static DecodedRecord DecodeOne(string line)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(Encoding.UTF8.GetBytes(line), records);
        var record = Assert.Single(records);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        return record;
    }

    private static IdentityEvent Accepted(string line)
    {
        var record = DecodeOne(line);
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{record.Outcome}: {record.Reason}");
        return record.Event!;
    }

    private static DecodedRecord Rejected(string line, RejectionCode code)
    {
        var record = DecodeOne(line);
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Equal(code, record.Code);
        return record;
    }

    [Fact]
    public void The_documented_line_maps_every_field()
    {
        var request = Accepted(LinkerdDocs[0]);

        Assert.Equal(EventSource.Linkerd, request.Source);
        Assert.Equal(EventKind.ServiceRequest, request.Kind);
        Assert.Equal(PrincipalType.Workload, request.PrincipalType);
        Assert.False(request.Interactive);
        Assert.Equal("traffic.booksapp.serviceaccount.identity.linkerd.cluster.local", request.IdentityId);
        Assert.Equal("10.42.0.70", request.IpAddress);
        Assert.Equal("webapp:7000", request.AppDisplayName);
        Assert.Equal("/", request.Resource);
        Assert.Equal("GET", request.Action);
        Assert.Equal(200, request.ErrorCode);
        Assert.True(request.Succeeded);
        Assert.Null(request.FailureReason);
        Assert.Null(request.BytesReceived); // request_bytes "": no content-length
        Assert.Equal(19627, request.BytesSent);
        Assert.Equal(14.441135, request.DurationMs!.Value, 9);
        Assert.Equal("Go-http-client/1.1", request.UserAgent);

        // Nanoseconds, to the 100 ns tick .NET keeps.
        Assert.Equal(new DateTimeOffset(2022, 8, 23, 20, 33, 42, TimeSpan.Zero).AddTicks(3_217_462), request.Timestamp);
        Assert.Equal(TimeSpan.Zero, request.Timestamp.Offset);
        Assert.Matches("^linkerd:[0-9a-f]{16}$", request.EventId);
    }

    [Fact]
    public void Every_documented_line_decodes_and_the_probe_without_an_identity_is_skipped()
    {
        var records = new List<DecodedRecord>();
        foreach (var line in LinkerdDocs)
        {
            Decoder.Decode(Encoding.UTF8.GetBytes(line), records);
        }

        Assert.Equal(
            [DecodeOutcome.Accepted, DecodeOutcome.Accepted, DecodeOutcome.Accepted, DecodeOutcome.Accepted, DecodeOutcome.Skipped],
            records.Select(r => r.Outcome));
        Assert.Equal(["/", "/authors", "/authors/105", "/books"], records.Take(4).Select(r => r.Event!.Resource));
        Assert.Equal([200, 303, 200, 303], records.Take(4).Select(r => r.Event!.ErrorCode));
        Assert.Equal([null, 33L, null, 46L], records.Take(4).Select(r => r.Event!.BytesReceived));
        Assert.Equal(LinkerdAccessLogDecoder.NoPeerIdentityKind, records[4].Reason);
        Assert.Equal("linkerd:no-peer-identity", LinkerdAccessLogDecoder.NoPeerIdentityKind);

        // trace_id is "" on every line: the ids come from the lines' bytes, one per line.
        Assert.Equal(4, records.Take(4).Select(r => r.Event!.EventId).Distinct().Count());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void A_missing_client_identity_is_skipped_like_a_dash(string clientId)
    {
        var record = DecodeOne(With(LinkerdDocs[0], "client.id", clientId));

        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("linkerd:no-peer-identity", record.Reason);
        Assert.Equal("linkerd:no-peer-identity", DecodeOne(Without(LinkerdDocs[0], "client.id")).Reason);
    }

    [Theory]
    [InlineData("http://webapp:7000/books?id=4&token=s3cr3t", "/books")]
    [InlineData("http://webapp:7000?x=1", "/")]
    [InlineData("https://api.example.com/v1/users/42#frag", "/v1/users/42")]
    [InlineData("/ping?verbose=1", "/ping")]
    [InlineData("webapp:7000", null)]
    public void The_resource_is_the_path_of_the_uri_without_its_query(string uri, string? resource)
    {
        Assert.Equal(resource, Accepted(With(LinkerdDocs[1], "uri", $"\"{uri}\"")).Resource);
    }

    [Fact]
    public void Numbers_as_numbers_are_read_like_numbers_as_strings()
    {
        var line = With(With(With(With(LinkerdDocs[1], "status", "\"503\""), "request_bytes", "33"), "total_ns", "2500000"), "response_bytes", "\"-\"");

        var request = Accepted(line);

        Assert.Equal(503, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.Equal(33, request.BytesReceived);
        Assert.Null(request.BytesSent);
        Assert.Equal(2.5, request.DurationMs);
    }

    [Fact]
    public void A_line_without_a_status_got_no_response_and_is_a_failure()
    {
        var request = Accepted(Without(Without(LinkerdDocs[0], "status"), "total_ns"));

        Assert.Equal(0, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.StartsWith("no response status", request.FailureReason, StringComparison.Ordinal);
        Assert.Null(request.DurationMs);
    }

    [Theory]
    [InlineData("\"[fd00:10:42::70]:32996\"", "fd00:10:42::70")]
    [InlineData("\"[::1]:4143\"", "::1")]
    [InlineData("\"10.42.0.70\"", "10.42.0.70")]
    public void The_client_address_loses_its_port(string address, string ip)
    {
        Assert.Equal(ip, Accepted(With(LinkerdDocs[0], "client.addr", address)).IpAddress);
    }

    [Theory]
    [InlineData("status", "\"abc\"", "status: expected an HTTP status code (0 to 999), found \"abc\"")]
    [InlineData("status", "1200", "status: expected an HTTP status code (0 to 999), found 1200")]
    [InlineData("total_ns", "\"fast\"", "total_ns: expected a duration in nanoseconds, found \"fast\"")]
    [InlineData("request_bytes", "\"-3\"", "request_bytes: expected a byte count, found \"-3\"")]
    [InlineData("timestamp", "\"Tue, 23 Aug 2022 20:33:42 GMT\"", "timestamp: expected an RFC 3339 timestamp, found \"Tue, 23 Aug 2022 20:33:42 GMT\"")]
    [InlineData("client.id", "{}", "client.id: expected a string, found an object")]
    public void A_field_of_the_wrong_type_rejects_the_line_naming_the_field(string field, string value, string reason)
    {
        Assert.Equal(reason, Rejected(With(LinkerdDocs[0], field, value), RejectionCode.InvalidField).Reason);
    }

    [Fact]
    public void A_line_without_a_timestamp_is_missing_a_field()
    {
        Assert.StartsWith("no timestamp", Rejected(Without(LinkerdDocs[0], "timestamp"), RejectionCode.MissingField).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_malformed()
    {
        Assert.StartsWith("not valid JSON", Rejected(LinkerdDocs[0][..80], RejectionCode.MalformedJson).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_malformed_not_a_crash()
    {
        var line = With(LinkerdDocs[0], "client.id", "\"web\\ud800.booksapp.serviceaccount.identity.linkerd.cluster.local\"");

        Assert.StartsWith("not valid JSON", Rejected(line, RejectionCode.MalformedJson).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IstioInbound)]
    [InlineData(EntraSignIn)]
    [InlineData(OpaDecision)]
    [InlineData(OktaLogEvent)]
    public void Another_sources_json_is_the_wrong_shape(string json)
    {
        Assert.StartsWith("JSON of the wrong shape: not a Linkerd access log line", Rejected(json, RejectionCode.WrongShape).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_id_is_a_stable_hash_of_the_line_bytes()
    {
        var first = Accepted(LinkerdDocs[0]);

        Assert.Equal(first.EventId, Accepted(LinkerdDocs[0] + "\n").EventId);
        Assert.Equal("linkerd:aa9a07f489437b1c", first.EventId); // the reference xxHash's XXH64 of the line's bytes
        Assert.Equal(SourceFormat.Linkerd, Decoder.Format);
    }
}
