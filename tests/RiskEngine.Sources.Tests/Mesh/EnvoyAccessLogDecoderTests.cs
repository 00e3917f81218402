using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Core.Hashing;
using RiskEngine.Sources;
using RiskEngine.Sources.Mesh;
using static RiskEngine.Sources.Tests.Mesh.MeshLines;

namespace RiskEngine.Sources.Tests.Mesh;

public sealed class EnvoyAccessLogDecoderTests
{
    private static readonly EnvoyAccessLogDecoder Decoder = new(new EnvoyAccessLogOptions());

    private static DecodedRecord DecodeOne(string line, EnvoyAccessLogDecoder? decoder = null)
    {
        var records = new List<DecodedRecord>();
        (decoder ?? Decoder).Decode(Encoding.UTF8.GetBytes(line), records);
        var record = Assert.Single(records);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        return record;
    }

    private static IdentityEvent Accepted(string line, EnvoyAccessLogDecoder? decoder = null)
    {
        var record = DecodeOne(line, decoder);
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{record.Outcome}: {record.Reason}");
        Assert.Null(record.Reason);
        return record.Event!;
    }

    private static DecodedRecord Rejected(string line, RejectionCode code)
    {
        var record = DecodeOne(line);
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Null(record.Event);
        Assert.Equal(code, record.Code);
        return record;
    }

    private static string Skipped(string line, EnvoyAccessLogDecoder? decoder = null)
    {
        var record = DecodeOne(line, decoder);
        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Null(record.Event);
        return record.Reason!;
    }

    [Fact]
    public void An_inbound_istio_line_maps_every_field()
    {
        var request = Accepted(IstioInbound);

        Assert.Equal(EventSource.Envoy, request.Source);
        Assert.Equal(EventKind.ServiceRequest, request.Kind);
        Assert.Equal(PrincipalType.Workload, request.PrincipalType);
        Assert.False(request.Interactive);
        Assert.Equal("spiffe://cluster.local/ns/foo/sa/sleep", request.IdentityId);
        Assert.Equal("spiffe://cluster.local/ns/foo/sa/httpbin", request.AppDisplayName);
        Assert.Equal(new DateTimeOffset(2020, 11, 25, 21, 26, 18, 409, TimeSpan.Zero), request.Timestamp);
        Assert.Equal(TimeSpan.Zero, request.Timestamp.Offset);
        Assert.Equal("/status/418", request.Resource);
        Assert.Equal("GET", request.Action);
        Assert.Equal(418, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.Equal("via_upstream", request.FailureReason);
        Assert.Equal("10.44.1.23", request.IpAddress);
        Assert.Equal("curl/7.73.0-DEV", request.UserAgent);
        Assert.Equal(0, request.BytesReceived);
        Assert.Equal(135, request.BytesSent);
        Assert.Equal(4, request.DurationMs);
        Assert.StartsWith("envoy:", request.EventId, StringComparison.Ordinal);
        Assert.Null(request.UserPrincipalName);
        Assert.Null(request.SessionId);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(101, true)]
    [InlineData(302, true)]
    [InlineData(399, true)]
    [InlineData(400, false)]
    [InlineData(503, false)]
    [InlineData(99, false)]
    public void A_request_succeeds_when_its_status_is_below_400(int status, bool succeeded)
    {
        var request = Accepted(With(IstioInbound, "response_code", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(status, request.ErrorCode);
        Assert.Equal(succeeded, request.Succeeded);
        Assert.Equal(succeeded ? null : "via_upstream", request.FailureReason);
    }

    [Fact]
    public void The_client_side_line_of_a_request_has_no_peer_principal_and_is_skipped()
    {
        // The app spoke plaintext to its own sidecar: DOWNSTREAM_PEER_URI_SAN is empty. Not an error.
        Assert.Equal(EnvoyAccessLogDecoder.NoPeerPrincipalKind, Skipped(IstioOutbound));
        Assert.Equal("envoy:no-peer-principal", EnvoyAccessLogDecoder.NoPeerPrincipalKind);
    }

    [Fact]
    public void A_line_with_no_principal_fields_at_all_is_skipped()
    {
        var plaintext = Without(Without(IstioInbound, "source_principal"), "downstream_peer_uri_san");

        Assert.Equal("envoy:no-peer-principal", Skipped(plaintext));
    }

    [Fact]
    public void The_first_configured_principal_field_with_a_value_wins()
    {
        // source_principal is "-", so the next configured field, downstream_peer_uri_san, names the caller;
        // both destination fields are "-", so the authority names the destination.
        var request = Accepted(IstioTemplatedStrings);

        Assert.Equal("spiffe://cluster.local/ns/shop/sa/checkout", request.IdentityId);
        Assert.Equal("orders.shop.svc.cluster.local:8080", request.AppDisplayName);

        var both = With(IstioTemplatedStrings, "source_principal", "\"spiffe://cluster.local/ns/shop/sa/cart\"");
        Assert.Equal("spiffe://cluster.local/ns/shop/sa/cart", Accepted(both).IdentityId);
    }

    [Fact]
    public void Preference_follows_the_configured_order_not_the_order_of_the_line()
    {
        // downstream_peer_uri_san comes first in the line, source_principal last; source_principal is preferred.
        var line = With(IstioInbound, "source_principal", "\"spiffe://cluster.local/ns/foo/sa/preferred\"");

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/preferred", Accepted(line).IdentityId);
    }

    [Fact]
    public void Principal_field_names_are_configurable()
    {
        var decoder = new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions
        {
            SourcePrincipalFields = ["peer.spiffe_id"],
            DestinationPrincipalFields = ["local_spiffe_id"],
        });
        var line = """
            {"start_time":"2024-05-01T12:00:00.123Z","method":"GET","path":"/ledger","response_code":200,"authority":"ledger:8080","source_principal":"spiffe://cluster.local/ns/x/sa/not-configured","peer.spiffe_id":"spiffe://prod.example.org/ns/payments/sa/api","local_spiffe_id":"spiffe://prod.example.org/ns/ledger/sa/ledger","downstream_remote_address":"10.1.2.3:5555"}
            """;

        var request = Accepted(line, decoder);

        Assert.Equal("spiffe://prod.example.org/ns/payments/sa/api", request.IdentityId);
        Assert.Equal("spiffe://prod.example.org/ns/ledger/sa/ledger", request.AppDisplayName);

        // The default names mean nothing to this decoder: without its own field the line has no caller.
        Assert.Equal("envoy:no-peer-principal", Skipped(Without(line, "peer.spiffe_id"), decoder));
    }

    [Fact]
    public void A_configured_field_name_that_is_escaped_in_the_line_still_matches()
    {
        var line = IstioInbound.Replace("\"source_principal\"", "\"source\\u005fprincipal\"", StringComparison.Ordinal)
            .Replace("\"downstream_peer_uri_san\":\"spiffe://cluster.local/ns/foo/sa/sleep\"", "\"downstream_peer_uri_san\":null", StringComparison.Ordinal);

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/sleep", Accepted(line).IdentityId);
    }

    [Fact]
    public void A_principal_with_several_uri_sans_is_keyed_by_the_first()
    {
        var line = With(IstioInbound, "source_principal", "\"spiffe://cluster.local/ns/foo/sa/sleep,spiffe://cluster.local/ns/foo/sa/legacy\"");

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/sleep", Accepted(line).IdentityId);
    }

    [Theory]
    [InlineData("\" \"")]
    [InlineData("\",spiffe://cluster.local/ns/foo/sa/other\"")]
    public void A_blank_principal_falls_through_to_the_next_configured_field(string value)
    {
        var line = With(IstioInbound, "source_principal", value);

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/sleep", Accepted(line).IdentityId); // from downstream_peer_uri_san
        Assert.Equal("envoy:no-peer-principal", Skipped(Without(line, "downstream_peer_uri_san")));
    }

    [Fact]
    public void Without_a_destination_principal_the_authority_names_the_destination()
    {
        var request = Accepted(Without(IstioInbound, "destination_principal"));

        Assert.Equal("httpbin:8000", request.AppDisplayName);
    }

    [Theory]
    [InlineData("/api/orders?token=eyJhbGciOi&email=ada%40example.com", "/api/orders")]
    [InlineData("/search?q=secret", "/search")]
    [InlineData("/docs#section-2", "/docs")]
    [InlineData("/?", "/")]
    [InlineData("/plain/path", "/plain/path")]
    [InlineData("\\/escaped\\/path?x=\\u0031", "/escaped/path")]
    public void The_query_string_is_cut_from_the_resource(string path, string resource)
    {
        var request = Accepted(With(IstioInbound, "path", $"\"{path}\""));

        Assert.Equal(resource, request.Resource);
    }

    [Fact]
    public void Dash_placeholders_and_nulls_mean_absent()
    {
        var request = Accepted(IstioTemplatedStrings);

        Assert.Null(request.UserAgent);
        Assert.Equal("10.244.1.5", request.IpAddress); // x_forwarded_for "-": the peer address stands in
        Assert.Equal("/api/orders", request.Resource);

        var nulls = With(With(With(IstioInbound, "user_agent", "null"), "path", "\"-\""), "bytes_sent", "\"-\"");
        var fromNulls = Accepted(nulls);
        Assert.Null(fromNulls.UserAgent);
        Assert.Null(fromNulls.Resource);
        Assert.Null(fromNulls.BytesSent);
    }

    [Fact]
    public void Numbers_written_as_strings_are_read()
    {
        var request = Accepted(IstioTemplatedStrings);

        Assert.Equal(503, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.Equal(156, request.BytesReceived);
        Assert.Equal(91, request.BytesSent);
        Assert.Equal(30004, request.DurationMs);
        Assert.Equal("POST", request.Action);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 1, 500, TimeSpan.Zero), request.Timestamp);
    }

    [Fact]
    public void A_failure_reason_combines_the_response_code_details_and_the_flags()
    {
        Assert.Equal(
            "upstream_reset_before_response_started{connection_failure} (response flags UF,URX)",
            Accepted(IstioTemplatedStrings).FailureReason);

        Assert.Equal("rbac_access_denied_matched_policy[none]", Accepted(IstioRbacDenied).FailureReason);

        var extAuthz = With(With(IstioRbacDenied, "response_code_details", "\"ext_authz_denied\""), "response_flags", "\"UAEX\"");
        Assert.Equal("ext_authz_denied (response flags UAEX)", Accepted(extAuthz).FailureReason);

        var flagsOnly = With(With(IstioRbacDenied, "response_code_details", "null"), "response_flags", "\"UAEX\"");
        Assert.Equal("response flags UAEX", Accepted(flagsOnly).FailureReason);
    }

    [Fact]
    public void A_denied_request_keeps_its_path_but_not_its_query()
    {
        var request = Accepted(IstioRbacDenied);

        Assert.Equal(403, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.Equal("/reviews/0", request.Resource);
        Assert.Equal("spiffe://cluster.local/ns/default/sa/bookinfo-productpage", request.IdentityId);
        Assert.Equal("reviews:9080", request.AppDisplayName);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    [InlineData("\"-\"")]
    [InlineData("null")]
    public void A_request_that_got_no_response_is_a_failure_with_code_0(string responseCode)
    {
        var reset = With(With(With(IstioInbound, "response_code", responseCode), "response_flags", "\"DC\""),
            "response_code_details", "\"downstream_remote_disconnect\"");

        var request = Accepted(reset);

        Assert.Equal(0, request.ErrorCode);
        Assert.False(request.Succeeded);
        Assert.Equal("downstream_remote_disconnect (response flags DC)", request.FailureReason);
    }

    [Fact]
    public void A_tcp_proxy_line_is_a_connection_not_a_request_and_is_skipped()
    {
        Assert.Equal(EnvoyAccessLogDecoder.TcpConnectionKind, Skipped(IstioTcp));
        Assert.Equal("envoy:tcp-connection", EnvoyAccessLogDecoder.TcpConnectionKind);
    }

    [Theory]
    [InlineData("x_forwarded_for", "\"203.0.113.7, 10.44.0.1\"", "203.0.113.7")]
    [InlineData("x_forwarded_for", "\"2001:db8::1, 10.44.0.1\"", "2001:db8::1")]
    [InlineData("x_forwarded_for", "\"[2001:db8::2]:443\"", "2001:db8::2")]
    [InlineData("downstream_remote_address", "\"[2001:db8:0:1::17]:37652\"", "2001:db8:0:1::17")]
    [InlineData("downstream_remote_address", "\"[::1]:8080\"", "::1")]
    [InlineData("downstream_remote_address", "\"fd00::17\"", "fd00::17")]
    [InlineData("downstream_remote_address", "\"10.44.1.23\"", "10.44.1.23")]
    [InlineData("downstream_remote_address", "null", null)]
    public void The_ip_address_is_the_first_forwarded_address_else_the_peer_without_its_port(string field, string value, string? ipAddress)
    {
        var request = Accepted(With(IstioInbound, field, value));

        Assert.Equal(ipAddress, request.IpAddress);
    }

    [Fact]
    public void A_start_time_with_an_offset_or_nanoseconds_becomes_utc()
    {
        var offset = Accepted(With(IstioInbound, "start_time", "\"2024-05-01T14:00:00.123+02:00\""));
        var nanos = Accepted(With(IstioInbound, "start_time", "\"2024-05-01T12:00:00.123456789Z\""));

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero), offset.Timestamp);
        Assert.Equal(TimeSpan.Zero, offset.Timestamp.Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), nanos.Timestamp);
    }

    [Theory]
    [InlineData("response_code", "\"abc\"", "response_code: expected an HTTP status code (0 to 999), found \"abc\"")]
    [InlineData("response_code", "1000", "response_code: expected an HTTP status code (0 to 999), found 1000")]
    [InlineData("response_code", "-1", "response_code: expected an HTTP status code (0 to 999), found -1")]
    [InlineData("response_code", "200.5", "response_code: expected an HTTP status code (0 to 999), found 200.5")]
    [InlineData("response_code", "true", "response_code: expected an HTTP status code (0 to 999), found a boolean")]
    [InlineData("bytes_sent", "\"12kB\"", "bytes_sent: expected a byte count, found \"12kB\"")]
    [InlineData("bytes_received", "-5", "bytes_received: expected a byte count, found -5")]
    [InlineData("duration", "{}", "duration: expected a duration in milliseconds, found an object")]
    [InlineData("duration", "\"4ms\"", "duration: expected a duration in milliseconds, found \"4ms\"")]
    [InlineData("start_time", "\"yesterday\"", "start_time: expected an RFC 3339 timestamp, found \"yesterday\"")]
    [InlineData("start_time", "1714564800", "start_time: expected an RFC 3339 timestamp, found 1714564800")]
    [InlineData("start_time", "\"2024-02-30T12:00:00.000Z\"", "start_time: expected an RFC 3339 timestamp, found \"2024-02-30T12:00:00.000Z\"")]
    [InlineData("source_principal", "[\"spiffe://a\"]", "source_principal: expected a string, found an array")]
    [InlineData("destination_principal", "42", "destination_principal: expected a string, found 42")]
    [InlineData("method", "false", "method: expected a string, found a boolean")]
    public void A_field_of_the_wrong_type_rejects_the_line_naming_the_field(string field, string value, string reason)
    {
        var record = Rejected(With(IstioInbound, field, value), RejectionCode.InvalidField);

        Assert.Equal(reason, record.Reason);
    }

    [Fact]
    public void A_bad_field_is_reported_even_on_a_line_that_would_be_skipped()
    {
        var record = Rejected(With(IstioOutbound, "response_code", "\"abc\""), RejectionCode.InvalidField);

        Assert.StartsWith("response_code:", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"-\"")]
    [InlineData("\"\"")]
    public void A_line_without_a_start_time_is_missing_a_field(string startTime)
    {
        var record = Rejected(With(IstioInbound, "start_time", startTime), RejectionCode.MissingField);

        Assert.StartsWith("no start_time", record.Reason, StringComparison.Ordinal);
        Assert.StartsWith("no start_time", Rejected(Without(IstioInbound, "start_time"), RejectionCode.MissingField).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("{\"start_time\":\"2024-05-01T12:00:00.123Z\",\"method\":\"GET\",\"path\":\"/a")]
    [InlineData("{\"start_time\":\"2024-05-01T12:00:00.123Z\",\"method\":")]
    [InlineData("{\"start_time\":\"2024-05-01T12:00:00.123Z\"} {\"start_time\":\"2024-05-01T12:00:00.124Z\"}")]
    public void Malformed_or_truncated_json_is_rejected(string line)
    {
        var record = Rejected(line, RejectionCode.MalformedJson);

        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source_principal", "\"spiffe://cluster.local/ns/foo/sa/\\ud800\"")]
    [InlineData("response_code", "\"\\ud800\"")]
    [InlineData("user_agent", "\"curl\\udc00\"")]
    public void A_lone_surrogate_escape_is_malformed_not_a_crash(string field, string value)
    {
        // Utf8JsonReader accepts the escape but throws when asked for a string of it; the decoder must not.
        Assert.StartsWith("not valid JSON", Rejected(With(IstioInbound, field, value), RejectionCode.MalformedJson).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_istio_line_is_rejected_as_malformed()
    {
        Rejected(IstioInbound[..(IstioInbound.Length / 2)], RejectionCode.MalformedJson);
    }

    [Theory]
    [InlineData(EntraSignIn)]
    [InlineData(OpaDecision)]
    [InlineData(OktaLogEvent)]
    [InlineData("{}")]
    public void Another_sources_json_is_the_wrong_shape(string json)
    {
        var record = Rejected(json, RejectionCode.WrongShape);

        Assert.StartsWith("JSON of the wrong shape: not an Envoy access log line", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"GET /status/418\"", "a string")]
    [InlineData("418", "a number")]
    public void Json_that_is_not_an_object_is_the_wrong_shape(string json, string found)
    {
        Assert.Equal($"expected a JSON object (an Envoy access log line), found {found}", Rejected(json, RejectionCode.WrongShape).Reason);
    }

    [Fact]
    public void Unknown_fields_of_any_type_are_ignored()
    {
        var line = IstioInbound.Insert(1, "\"filter_state\":{\"wasm.upstream_peer\":{\"labels\":[\"a\",{\"b\":1}]}},\"extra\":[1,2,3],\"flag\":true,");

        Assert.Equal("spiffe://cluster.local/ns/foo/sa/sleep", Accepted(line).IdentityId);
    }

    [Fact]
    public void The_event_id_is_a_stable_hash_of_the_line_bytes()
    {
        var first = Accepted(IstioInbound);
        var again = Accepted(IstioInbound);
        var framed = Accepted("\n  " + IstioInbound + "\r\n");
        var other = Accepted(With(IstioInbound, "duration", "5"));

        Assert.Equal(first.EventId, again.EventId);
        Assert.Equal(first.EventId, framed.EventId); // the JSON object's bytes, not the message's framing
        Assert.NotEqual(first.EventId, other.EventId);
        Assert.Matches("^envoy:[0-9a-f]{16}$", first.EventId);
        Assert.Equal("envoy:" + XxHash64.Hash(Encoding.UTF8.GetBytes(IstioInbound)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture), first.EventId);

        // Pinned, from the reference xxHash (Python's xxhash.xxh64): a change here renames every replayed event.
        Assert.Equal("envoy:d88988c257cc5d99", first.EventId);
    }

    [Fact]
    public void The_client_and_server_lines_of_one_request_get_different_ids()
    {
        // They share request_id; the server's is accepted, and even a client line with a principal differs.
        var client = With(IstioOutbound, "downstream_peer_uri_san", "\"spiffe://cluster.local/ns/foo/sa/sleep\"");

        Assert.NotEqual(Accepted(IstioInbound).EventId, Accepted(client).EventId);
    }

    [Fact]
    public void Recurring_identities_share_one_string_and_unusual_ones_still_decode()
    {
        var decoder = new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions());
        var first = Accepted(IstioInbound, decoder);
        var second = Accepted(With(IstioInbound, "duration", "5"), decoder);

        Assert.Same(first.IdentityId, second.IdentityId);
        Assert.Same(first.AppDisplayName, second.AppDisplayName);
        Assert.Same(first.UserAgent, second.UserAgent);

        var nonAscii = With(IstioInbound, "source_principal", "\"spiffe://cluster.local/ns/økonomi/sa/lønn\"");
        Assert.Equal("spiffe://cluster.local/ns/økonomi/sa/lønn", Accepted(nonAscii, decoder).IdentityId);
        Assert.Equal("spiffe://cluster.local/ns/økonomi/sa/lønn", Accepted(nonAscii, decoder).IdentityId);
    }

    [Fact]
    public void One_decoder_shared_by_threads_gives_each_line_its_own_values()
    {
        var decoder = new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions());
        var lines = Enumerable.Range(0, 2000)
            .Select(i => With(With(IstioInbound, "source_principal", $"\"spiffe://cluster.local/ns/ns{i % 700}/sa/sa{i % 300}\""),
                "downstream_remote_address", $"\"10.1.{i % 250}.{i % 199}:4000\""))
            .Select(line => Encoding.UTF8.GetBytes(line))
            .ToArray();

        Parallel.For(0, 8, worker =>
        {
            var records = new List<DecodedRecord>();
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < lines.Length; i++)
                {
                    records.Clear();
                    decoder.Decode(lines[(i + (worker * 251)) % lines.Length], records);
                    var index = (i + (worker * 251)) % lines.Length;
                    var request = records[0].Event!;
                    Assert.Equal($"spiffe://cluster.local/ns/ns{index % 700}/sa/sa{index % 300}", request.IdentityId);
                    Assert.Equal($"10.1.{index % 250}.{index % 199}", request.IpAddress);
                }
            }
        });
    }

    [Fact]
    public void Decode_appends_one_record_to_those_already_in_the_list()
    {
        var records = new List<DecodedRecord> { DecodedRecord.Skipped("earlier", 0, Range.All) };

        Decoder.Decode(Encoding.UTF8.GetBytes(IstioInbound), records);
        Decoder.Decode("not json"u8, records);

        Assert.Equal([DecodeOutcome.Skipped, DecodeOutcome.Accepted, DecodeOutcome.Rejected], records.Select(r => r.Outcome));
        Assert.Equal(SourceFormat.Envoy, Decoder.Format);
    }

    [Fact]
    public void The_default_options_name_the_usual_principal_fields()
    {
        var options = new EnvoyAccessLogOptions();

        Assert.Equal(["source_principal", "downstream_peer_uri_san"], options.SourcePrincipalFields);
        Assert.Equal(["destination_principal", "upstream_peer_uri_san"], options.DestinationPrincipalFields);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Options_without_a_source_field_or_with_blank_or_repeated_names_are_refused()
    {
        Assert.Contains(new EnvoyAccessLogOptions { SourcePrincipalFields = [] }.Validate(), f => f.Contains("SourcePrincipalFields", StringComparison.Ordinal));
        Assert.Contains(new EnvoyAccessLogOptions { SourcePrincipalFields = [" "] }.Validate(), f => f.Contains("Envoy:SourcePrincipalFields:0 is empty", StringComparison.Ordinal));
        Assert.Contains(
            new EnvoyAccessLogOptions { DestinationPrincipalFields = ["source_principal"] }.Validate(),
            f => f.Contains("Envoy:DestinationPrincipalFields:0 (\"source_principal\") is listed more than once", StringComparison.Ordinal));
        Assert.Contains(new EnvoyAccessLogOptions { SourcePrincipalFields = [new string('x', 200)] }.Validate(), f => f.Contains("longer than 128 bytes", StringComparison.Ordinal));
        Assert.Empty(new EnvoyAccessLogOptions { DestinationPrincipalFields = [] }.Validate());

        var ex = Assert.Throws<ArgumentException>(() => new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions { SourcePrincipalFields = [] }));
        Assert.Contains("SourcePrincipalFields", ex.Message, StringComparison.Ordinal);
    }
}
