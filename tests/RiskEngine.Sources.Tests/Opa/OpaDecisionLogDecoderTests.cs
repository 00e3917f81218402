using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Opa;
using RiskEngine.Sources.Tests.Compression;

namespace RiskEngine.Sources.Tests.Opa;

public sealed class OpaDecisionLogDecoderTests
{
    private static readonly OpaDecisionLogDecoder Decoder = new();

    private const string DefaultSubjectPaths = "input.user, input.subject, input.source, input.attributes.source.principal, input.request.userInfo.username";

    private static List<DecodedRecord> Decode(string json, OpaDecisionLogDecoder? decoder = null) => Decode(Encoding.UTF8.GetBytes(json), decoder);

    private static List<DecodedRecord> Decode(byte[] message, OpaDecisionLogDecoder? decoder = null)
    {
        var records = new List<DecodedRecord>();
        (decoder ?? Decoder).Decode(message, records);
        return records;
    }

    private static IdentityEvent Accepted(string json, OpaDecisionLogDecoder? decoder = null)
    {
        var record = Assert.Single(Decode(json, decoder));
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{record.Outcome} ({record.Code}): {record.Reason}");
        Assert.Null(record.Reason);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        return record.Event!;
    }

    private static DecodedRecord Rejected(string json, OpaDecisionLogDecoder? decoder = null) => Rejected(Encoding.UTF8.GetBytes(json), decoder);

    private static DecodedRecord Rejected(byte[] message, OpaDecisionLogDecoder? decoder = null)
    {
        var record = Assert.Single(Decode(message, decoder));
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Null(record.Event);
        return record;
    }

    /// <summary>An event with everything but the input, to try subject shapes on.</summary>
    private static string WithInput(string input, string extra = "") =>
        $$"""{"labels":{"id":"opa-1"},"decision_id":"d-1","path":"app/authz/allow","input":{{input}},"result":true,"timestamp":"2024-05-01T12:00:00Z"{{extra}}}""";

    /// <summary>An event of subject alice with this result (or none: pass null).</summary>
    private static string WithResult(string? result, string extra = "") =>
        $$"""{"labels":{"id":"opa-1"},"decision_id":"d-1","path":"app/authz/allow","input":{"user":"alice"}{{(result is null ? "" : $",\"result\":{result}")}},"timestamp":"2024-05-01T12:00:00Z"{{extra}}}""";

    [Fact]
    public void The_http_api_tutorial_input_maps_user_path_and_method()
    {
        var decision = Accepted(OpaEvents.HttpApiTutorial);

        Assert.Equal("4ca636c1-55e4-417a-b1d8-4aceb67960d1", decision.EventId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), decision.Timestamp);
        Assert.Equal(EventSource.Opa, decision.Source);
        Assert.Equal(EventKind.PolicyDecision, decision.Kind);
        Assert.Equal("alice", decision.IdentityId);
        Assert.Equal(PrincipalType.User, decision.PrincipalType);
        Assert.Equal("finance/salary/alice", decision.Resource);
        Assert.Equal("GET", decision.Action);
        Assert.Equal("httpapi/authz/allow", decision.AppDisplayName);
        Assert.True(decision.Succeeded);
        Assert.Null(decision.FailureReason);
        Assert.Equal(0, decision.ErrorCode);
        Assert.Null(decision.SessionId);
        Assert.Null(decision.Classification);
        Assert.Null(decision.IpAddress); // requested_by is OPA's client, not the subject
    }

    [Fact]
    public void A_subject_object_gives_its_id_and_a_denying_result_object_its_reason()
    {
        var decision = Accepted(OpaEvents.SubjectObject);

        Assert.Equal("alice", decision.IdentityId);
        Assert.Equal(PrincipalType.User, decision.PrincipalType);
        Assert.Equal("doc-42", decision.Resource);
        Assert.Equal("confidential", decision.Classification);
        Assert.Equal("read", decision.Action);
        Assert.Equal("sess-9", decision.SessionId);
        Assert.Equal("203.0.113.7", decision.IpAddress);
        Assert.Equal("app/documents/authz", decision.AppDisplayName); // OPA may write the path with a leading slash
        Assert.False(decision.Succeeded);
        Assert.Equal("analysts may not read confidential documents", decision.FailureReason);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 1, 500, TimeSpan.Zero), decision.Timestamp);
    }

    [Fact]
    public void A_spiffe_id_in_input_source_is_a_workload()
    {
        var decision = Accepted(OpaEvents.SpiffeSource);

        Assert.Equal("spiffe://example.org/ns/payments/sa/api", decision.IdentityId);
        Assert.Equal(PrincipalType.Workload, decision.PrincipalType);
        Assert.False(decision.Interactive);
        Assert.Equal("/v1/charges", decision.Resource);
        Assert.Equal("POST", decision.Action);
        Assert.True(decision.Succeeded);
    }

    [Fact]
    public void Envoy_ext_authz_input_maps_the_peer_principal_address_path_and_method()
    {
        var decision = Accepted(OpaEvents.EnvoyExtAuthz);

        Assert.Equal("spiffe://cluster.local/ns/payroll/sa/default", decision.IdentityId);
        Assert.Equal(PrincipalType.Workload, decision.PrincipalType);
        Assert.Equal("10.36.4.41", decision.IpAddress);
        Assert.Equal("/employees", decision.Resource);
        Assert.Equal("POST", decision.Action);
        Assert.Equal("envoy/authz/allow", decision.AppDisplayName);
        Assert.False(decision.Succeeded); // result.allowed
        Assert.Null(decision.FailureReason);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 3, TimeSpan.Zero), decision.Timestamp); // 1 ns is below a tick
    }

    [Fact]
    public void A_kubernetes_admission_review_maps_the_requesting_user_operation_and_response()
    {
        var decision = Accepted(OpaEvents.KubernetesAdmission);

        Assert.Equal("alice@example.com", decision.IdentityId);
        Assert.Equal(PrincipalType.User, decision.PrincipalType);
        Assert.Equal("CREATE", decision.Action);
        Assert.Equal("system/main", decision.AppDisplayName);
        Assert.False(decision.Succeeded);
        Assert.Equal("image 'nginx' comes from an untrusted registry", decision.FailureReason);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 4, 250, TimeSpan.Zero), decision.Timestamp);
        Assert.Equal(TimeSpan.Zero, decision.Timestamp.Offset);
    }

    [Fact]
    public void A_kubernetes_service_account_is_a_workload()
    {
        var json = OpaEvents.KubernetesAdmission.Replace("alice@example.com", "system:serviceaccount:kube-system:job-controller", StringComparison.Ordinal);

        var decision = Accepted(json);

        Assert.Equal("system:serviceaccount:kube-system:job-controller", decision.IdentityId);
        Assert.Equal(PrincipalType.Workload, decision.PrincipalType);
    }

    [Theory]
    [InlineData("""{"user":{"sub":"auth0|42","email":"a@example.com"}}""", "auth0|42")]
    [InlineData("""{"user":{"name":"alice","groups":["x"]}}""", "alice")]
    [InlineData("""{"user":{"id":"u-1","sub":"s-1","name":"n-1"}}""", "u-1")]
    [InlineData("""{"user":{"id":"","sub":"s-1"}}""", "s-1")]
    [InlineData("""{"user":42}""", "42")]
    [InlineData("""{"subject":{"id":7}}""", "7")]
    [InlineData("""{"user":"","subject":"bob"}""", "bob")]
    [InlineData("""{"user":null,"subject":{"id":"bob"}}""", "bob")]
    [InlineData("""{"user":{"type":"anonymous"},"subject":"bob"}""", "bob")]
    [InlineData("""{"subject":"bob","user":"alice"}""", "alice")]
    [InlineData("""{"source":"spiffe://td/ns/a/sa/b","subject":"bob"}""", "bob")]
    [InlineData("""{"user":["realm","alice"]}""", "realm/alice")]
    public void The_first_subject_path_present_wins_and_objects_give_id_then_sub_then_name(string input, string expected)
    {
        Assert.Equal(expected, Accepted(WithInput(input)).IdentityId);
    }

    [Fact]
    public void Paths_can_be_configured_replacing_the_defaults()
    {
        var decoder = new OpaDecisionLogDecoder(new OpaDecisionLogOptions
        {
            Mapping = new OpaInputMapping
            {
                SubjectPaths = ["input.token.payload.sub"],
                ResourcePaths = ["input.object.name"],
                ActionPaths = ["input.verb"],
                ClassificationPaths = ["input.object.labels.sensitivity"],
                SessionPaths = ["input.token.payload.sid"],
                SourceAddressPaths = ["input.client.ip"],
                AllowPaths = ["result.decision"],
                DenyReasonPaths = ["result.reasons"],
            },
        });
        var json = """
            {"decision_id":"d-9","timestamp":"2024-05-01T12:00:00Z","path":"custom/authz",
             "input":{"user":"ignored","method":"ignored","token":{"payload":{"sub":"carol","sid":"sid-1"}},
                      "object":{"name":"ledger","labels":{"sensitivity":"restricted"}},"verb":"delete","client":{"ip":"198.51.100.4"}},
             "result":{"allow":true,"decision":false,"reasons":["not an owner","outside business hours"]}}
            """;

        var decision = Accepted(json, decoder);

        Assert.Equal("carol", decision.IdentityId);
        Assert.Equal("ledger", decision.Resource);
        Assert.Equal("delete", decision.Action);
        Assert.Equal("restricted", decision.Classification);
        Assert.Equal("sid-1", decision.SessionId);
        Assert.Equal("198.51.100.4", decision.IpAddress);
        Assert.False(decision.Succeeded);
        Assert.Equal("not an owner; outside business hours", decision.FailureReason);

        var missing = Rejected(WithInput("""{"user":"alice"}"""), decoder);
        Assert.Equal(RejectionCode.MissingIdentity, missing.Code);
        Assert.StartsWith("no subject at any of input.token.payload.sub:", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_may_be_prefixed_to_the_defaults()
    {
        var decoder = new OpaDecisionLogDecoder(new OpaDecisionLogOptions
        {
            Mapping = new OpaInputMapping { SubjectPaths = ["input.principal", .. OpaInputMapping.DefaultSubjectPaths] },
        });

        Assert.Equal("p-1", Accepted(WithInput("""{"user":"alice","principal":"p-1"}"""), decoder).IdentityId);
        Assert.Equal("alice", Accepted(WithInput("""{"user":"alice"}"""), decoder).IdentityId);
    }

    [Fact]
    public void An_array_decodes_each_event_on_its_own_and_slices_the_raw_bytes_of_each()
    {
        var good = OpaEvents.Compact(0);
        var badTime = OpaEvents.Compact(1).Replace("2024-05-01T12:00:01.000000001Z", "yesterday", StringComparison.Ordinal);
        var anonymous = OpaEvents.Compact(2).Replace("\"user\":\"alice\",", "", StringComparison.Ordinal);
        var denied = OpaEvents.Compact(3, user: "bob", allow: false);
        var message = Encoding.UTF8.GetBytes($"[\n  {good},\n  {badTime},\n  {anonymous},\n  {denied},\n  \"not an event\"\n]\n");

        var records = Decode(message);

        Assert.Equal([0, 1, 2, 3, 4], records.Select(r => r.RecordIndex));
        Assert.Equal(
            [DecodeOutcome.Accepted, DecodeOutcome.Rejected, DecodeOutcome.Rejected, DecodeOutcome.Accepted, DecodeOutcome.Rejected],
            records.Select(r => r.Outcome));
        Assert.Equal("d-0", records[0].Event!.EventId);
        Assert.Equal(RejectionCode.InvalidField, records[1].Code);
        Assert.Equal("[1]: timestamp: expected an RFC 3339 timestamp, found \"yesterday\"", records[1].Reason);
        Assert.Equal(RejectionCode.MissingIdentity, records[2].Code);
        Assert.StartsWith("[2]: no subject at any of", records[2].Reason, StringComparison.Ordinal);
        Assert.Equal("bob", records[3].Event!.IdentityId);
        Assert.False(records[3].Event!.Succeeded);
        Assert.Equal(RejectionCode.WrongShape, records[4].Code);
        Assert.Equal("[4] must be an OPA decision event (an object), found a string", records[4].Reason);

        Assert.Equal(good, Encoding.UTF8.GetString(message.AsSpan()[records[0].Raw]));
        Assert.Equal(badTime, Encoding.UTF8.GetString(message.AsSpan()[records[1].Raw]));
        Assert.Equal(anonymous, Encoding.UTF8.GetString(message.AsSpan()[records[2].Raw]));
        Assert.Equal(denied, Encoding.UTF8.GetString(message.AsSpan()[records[3].Raw]));
        Assert.Equal("\"not an event\"", Encoding.UTF8.GetString(message.AsSpan()[records[4].Raw]));
        using var deadLetter = JsonDocument.Parse(message.AsMemory()[records[1].Raw]);
        Assert.Equal("d-1", deadLetter.RootElement.GetProperty("decision_id").GetString());
    }

    [Fact]
    public void An_empty_array_has_no_records()
    {
        Assert.Empty(Decode("[]"));
        Assert.Empty(Decode(GzipTestData.Gzip("[]")));
    }

    [Fact]
    public void The_console_line_decodes_as_the_event_it_carries()
    {
        var fromConsole = Accepted(OpaEvents.ConsoleLine);
        var fromUpload = Accepted(OpaEvents.HttpApiTutorial);

        Assert.Equal(fromUpload.EventId, fromConsole.EventId);
        Assert.Equal(fromUpload.Timestamp, fromConsole.Timestamp); // "timestamp", not the logger's "time"
        Assert.Equal(fromUpload.IdentityId, fromConsole.IdentityId);
        Assert.Equal(fromUpload.Resource, fromConsole.Resource);
        Assert.Equal(fromUpload.Action, fromConsole.Action);
        Assert.Equal(fromUpload.AppDisplayName, fromConsole.AppDisplayName);
        Assert.Equal(fromUpload.Succeeded, fromConsole.Succeeded);
    }

    [Fact]
    public void Opas_other_console_lines_are_skipped_not_dead_lettered()
    {
        var records = Decode("""{"level":"info","msg":"Initializing server. OPA is running on a public (0.0.0.0) network interface.","time":"2024-05-01T12:00:00Z"}""");

        var record = Assert.Single(records);
        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("opa-console-log", record.Reason);
    }

    [Fact]
    public void A_console_decision_line_without_its_id_is_missing_a_field_not_skipped()
    {
        var record = Rejected(OpaEvents.ConsoleLine.Replace("\"decision_id\":\"4ca636c1-55e4-417a-b1d8-4aceb67960d1\",", "", StringComparison.Ordinal));

        Assert.Equal(RejectionCode.MissingField, record.Code);
        Assert.StartsWith("no decision_id", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_compressed_array_decodes_each_event_with_the_whole_message_as_raw()
    {
        var events = Enumerable.Range(0, 100).Select(i => OpaEvents.Compact(i, user: $"user-{i % 7}", allow: i % 5 != 0)).ToList();
        events[42] = events[42].Replace("\"decision_id\":\"d-42\",", "", StringComparison.Ordinal);
        var message = GzipTestData.Gzip("[" + string.Join(",", events) + "]");

        var records = Decode(message);

        Assert.Equal(100, records.Count);
        Assert.All(records, r => Assert.Equal(Range.All, r.Raw));
        Assert.Equal(Enumerable.Range(0, 100), records.Select(r => r.RecordIndex));
        Assert.Equal(99, records.Count(r => r.Outcome == DecodeOutcome.Accepted));
        Assert.Equal(RejectionCode.MissingField, records[42].Code);
        Assert.StartsWith("[42]: no decision_id", records[42].Reason, StringComparison.Ordinal);
        Assert.Equal("user-3", records[10].Event!.IdentityId);
        Assert.False(records[10].Event!.Succeeded);
        Assert.True(records[11].Event!.Succeeded);
    }

    [Theory]
    [InlineData(OpaEvents.HttpApiTutorial)]
    [InlineData(OpaEvents.ConsoleLine)]
    public void A_gzip_compressed_single_event_decodes_as_the_whole_message(string json)
    {
        var record = Assert.Single(Decode(GzipTestData.Gzip(json)));

        Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        Assert.Equal("alice", record.Event!.IdentityId);
    }

    [Fact]
    public void Concatenated_gzip_members_decode_as_one_payload()
    {
        var json = "[" + OpaEvents.Compact(0) + "," + OpaEvents.Compact(1) + "]";
        var message = GzipTestData.Gzip(json[..100]).Concat(GzipTestData.Gzip(json[100..])).ToArray();

        Assert.Equal(2, Decode(message).Count(r => r.Outcome == DecodeOutcome.Accepted));
    }

    [Fact]
    public void A_gzip_bomb_is_bad_compression_refused_quickly()
    {
        var clock = Stopwatch.StartNew();

        var record = Rejected(GzipTestData.Bomb);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(RejectionCode.BadCompression, record.Code);
        Assert.Equal("gzip payload inflates past the limit of 16,777,216 bytes", record.Reason);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
    }

    [Fact]
    public void The_decompressed_size_limit_is_configurable()
    {
        var decoder = new OpaDecisionLogDecoder(new OpaDecisionLogOptions { MaxDecompressedBytes = 1_000 });
        var small = GzipTestData.Gzip("[" + OpaEvents.Compact(0) + "]");
        var large = GzipTestData.Gzip("[" + string.Join(",", Enumerable.Range(0, 10).Select(i => OpaEvents.Compact(i))) + "]");

        Assert.Equal(DecodeOutcome.Accepted, Assert.Single(Decode(small, decoder)).Outcome);
        var record = Rejected(large, decoder);
        Assert.Equal(RejectionCode.BadCompression, record.Code);
        Assert.Equal("gzip payload inflates past the limit of 1,000 bytes", record.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(40)]
    public void Truncated_gzip_is_bad_compression(int bytesCut)
    {
        var compressed = GzipTestData.Gzip("[" + string.Join(",", Enumerable.Range(0, 20).Select(i => OpaEvents.Compact(i))) + "]");

        var record = Rejected(compressed[..^bytesCut]);

        Assert.Equal(RejectionCode.BadCompression, record.Code);
        Assert.StartsWith("not valid gzip: ", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_of_something_other_than_json_is_malformed_json()
    {
        var record = Rejected(GzipTestData.Gzip("level=info msg=\"Decision Log\""));

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"decision_id\":\"d-1\",\"timestamp\":")]
    [InlineData("")]
    [InlineData("[{\"decision_id\":\"d-1\"},{\"decision_id\":")]
    public void Truncated_or_invalid_json_is_one_rejected_message(string text)
    {
        var record = Rejected(text);

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_array_yields_no_partial_records()
    {
        var json = "[" + OpaEvents.Compact(0) + "," + OpaEvents.Compact(1) + "," + OpaEvents.Compact(2)[..40];

        var record = Rejected(json);

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
    }

    [Fact]
    public void Trailing_data_after_the_event_rejects_the_whole_message()
    {
        var record = Rejected(OpaEvents.Compact(0) + "\n" + OpaEvents.Compact(1));

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
    }

    [Theory]
    [InlineData("""{"id":"66ea54eb-6301-4ee5-be62-ff5a759b8100","createdDateTime":"2024-03-01T10:15:30Z","userId":"u-1","status":{"errorCode":0}}""")]
    [InlineData("""{"records":[{"time":"2024-03-01T08:00:00Z","category":"SignInLogs","properties":{}}]}""")]
    [InlineData("""{"uuid":"f6c3a8e0-1","eventType":"user.session.start","published":"2024-03-01T08:00:00Z","actor":{"id":"00u1"}}""")]
    [InlineData("""{"start_time":"2024-05-01T12:00:00.000Z","method":"GET","path":"/","response_code":200,"upstream_host":"10.0.0.1:80"}""")]
    [InlineData("{}")]
    public void Another_sources_json_is_the_wrong_shape(string json)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.WrongShape, record.Code);
        Assert.StartsWith("JSON of the wrong shape: not an OPA decision event", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"just a string\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void A_top_level_value_that_is_neither_object_nor_array_is_the_wrong_shape(string json, string found)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.WrongShape, record.Code);
        Assert.Equal($"expected an OPA decision event (a JSON object) or an array of them, found {found}", record.Reason);
    }

    [Fact]
    public void No_subject_at_any_path_is_missing_identity_listing_the_paths_tried()
    {
        var record = Rejected(WithInput("""{"method":"GET","path":"/reports"}"""));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.Equal($"no subject at any of {DefaultSubjectPaths}: the decision names no identity to score", record.Reason);
    }

    [Fact]
    public void A_subject_object_without_identifiers_is_named_in_the_reason()
    {
        var record = Rejected(WithInput("""{"subject":{"type":"anonymous"},"user":["x",{"y":1}]}"""));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.Equal(
            $"no subject at any of {DefaultSubjectPaths}: the decision names no identity to score (input.user is an array of something other than strings; input.subject is an object without an id, sub or name)",
            record.Reason);
    }

    [Fact]
    public void An_event_without_input_says_so()
    {
        var record = Rejected("""{"labels":{},"decision_id":"d-1","query":"data.x.allow","result":true,"timestamp":"2024-05-01T12:00:00Z"}""");

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.EndsWith("(the event has no input)", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_erased_by_the_mask_policy_is_missing_identity_saying_so()
    {
        var record = Rejected("""{"labels":{"id":"opa-1"},"decision_id":"d-1","erased":["/input"],"path":"app/authz/allow","result":true,"timestamp":"2024-05-01T12:00:00Z"}""");

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.Equal("the input was erased by the decision-log mask policy (erased \"/input\"): no subject to score", record.Reason);
    }

    [Fact]
    public void An_erased_subject_field_is_named()
    {
        var record = Rejected(WithInput("""{"method":"GET"}""", extra: ",\"erased\":[\"/input/password\",\"/input/user\"]"));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.StartsWith("no subject: input.user was erased by the decision-log mask policy (erased \"/input/user\")", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Erasing_other_fields_does_not_matter()
    {
        var decision = Accepted(WithInput("""{"user":"alice"}""", extra: ",\"erased\":[\"/input/password\",\"/input/ssn\"]"));

        Assert.Equal("alice", decision.IdentityId);
    }

    [Fact]
    public void A_subject_rewritten_by_the_mask_policy_is_not_taken_unless_allowed()
    {
        var json = WithInput("""{"user":"**REDACTED**"}""", extra: ",\"masked\":[\"/input/user\"]");

        var record = Rejected(json);
        var pseudonymous = Accepted(json, new OpaDecisionLogDecoder(new OpaDecisionLogOptions { AcceptMaskedSubjects = true }));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.StartsWith("the subject at input.user was rewritten by the decision-log mask policy (masked \"/input/user\")", record.Reason, StringComparison.Ordinal);
        Assert.Equal("**REDACTED**", pseudonymous.IdentityId);
    }

    [Fact]
    public void A_mask_over_the_whole_subject_object_counts_too()
    {
        var record = Rejected(WithInput("""{"subject":{"id":"x"}}""", extra: ",\"masked\":[\"/input/subject\"]"));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00.123456789Z", 2024, 5, 1, 12, 0, 0, 1_234_567)]
    [InlineData("2024-05-01T12:00:00.123456Z", 2024, 5, 1, 12, 0, 0, 1_234_560)]
    [InlineData("2024-05-01T12:00:00.1Z", 2024, 5, 1, 12, 0, 0, 1_000_000)]
    [InlineData("2024-05-01T12:00:00Z", 2024, 5, 1, 12, 0, 0, 0)]
    [InlineData("2024-05-01T12:00:00.9999999999999Z", 2024, 5, 1, 12, 0, 0, 9_999_999)]
    [InlineData("2024-05-01T14:30:00.000000001+02:30", 2024, 5, 1, 12, 0, 0, 0)]
    [InlineData("2024-05-01T02:00:00.5-10:00", 2024, 5, 1, 12, 0, 0, 5_000_000)]
    [InlineData("2024-05-01t12:00:00z", 2024, 5, 1, 12, 0, 0, 0)]
    [InlineData("2024-12-31T23:59:59.999999999-23:59", 2025, 1, 1, 23, 58, 59, 9_999_999)]
    [InlineData("2024-02-29T00:00:00Z", 2024, 2, 29, 0, 0, 0, 0)]
    public void Nanosecond_timestamps_are_read_to_the_tick_in_utc(string timestamp, int year, int month, int day, int hour, int minute, int second, long ticks)
    {
        var decision = Accepted($$"""{"decision_id":"d-1","input":{"user":"alice"},"result":true,"timestamp":"{{timestamp}}"}""");

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks), decision.Timestamp);
        Assert.Equal(TimeSpan.Zero, decision.Timestamp.Offset);
    }

    [Theory]
    [InlineData("\"2024-05-01T12:00:00\"")]
    [InlineData("\"2024-05-01T12:00:00.Z\"")]
    [InlineData("\"2024-05-01\"")]
    [InlineData("\"2024-13-01T12:00:00Z\"")]
    [InlineData("\"2023-02-29T12:00:00Z\"")]
    [InlineData("\"2024-05-01T24:00:00Z\"")]
    [InlineData("\"2024-05-01T12:00:60Z\"")]
    [InlineData("\"2024-05-01T12:00:00+2:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1714564800")]
    [InlineData("{}")]
    public void A_timestamp_that_is_not_rfc_3339_is_an_invalid_field(string timestamp)
    {
        var record = Rejected($$"""{"decision_id":"d-1","input":{"user":"alice"},"result":true,"timestamp":{{timestamp}}}""");

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.StartsWith("timestamp: expected an RFC 3339 timestamp, found ", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_timestamp_is_still_a_timestamp()
    {
        var decision = Accepted("""{"decision_id":"d-1","input":{"user":"alice"},"result":true,"timestamp":"2024-05-01T14:00:00\u002B02:00"}""");

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), decision.Timestamp);
    }

    [Theory]
    [InlineData("true", true, null)]
    [InlineData("false", false, null)]
    [InlineData("\"true\"", true, null)] // as OPA's own documentation writes it
    [InlineData("""{"allow":true,"deny_reason":"unused"}""", true, null)]
    [InlineData("""{"allow":false,"deny_reason":"not an owner"}""", false, "not an owner")]
    [InlineData("""{"allow":false,"reason":"outside business hours"}""", false, "outside business hours")]
    [InlineData("""{"allow":false}""", false, null)]
    [InlineData("""{"allowed":true}""", true, null)]
    [InlineData("""{"allow":false,"deny_reason":["no role","no grant"]}""", false, "no role; no grant")]
    [InlineData("""{"response":{"allowed":false,"status":{"code":403,"message":"denied by policy"}}}""", false, "denied by policy")]
    public void The_decision_is_read_from_the_first_allow_path_present(string result, bool succeeded, string? failureReason)
    {
        var decision = Accepted(WithResult(result));

        Assert.Equal(succeeded, decision.Succeeded);
        Assert.Equal(failureReason, decision.FailureReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    public void An_undefined_result_is_a_denial_by_default(string? result)
    {
        var decision = Accepted(WithResult(result));

        Assert.False(decision.Succeeded);
        Assert.Equal("policy result undefined", decision.FailureReason);
    }

    [Fact]
    public void An_erased_result_cannot_tell_allow_from_deny()
    {
        var record = Rejected(WithResult(null, extra: ",\"erased\":[\"/result\"]"));

        Assert.Equal(RejectionCode.MissingField, record.Code);
        Assert.Equal("the result was erased by the decision-log mask policy (erased \"/result\"): cannot tell allow from deny", record.Reason);
    }

    [Theory]
    [InlineData("""{"code":"eval_conflict_error","message":"functions must not produce multiple outputs for same inputs","location":{"file":"authz.rego","row":12,"col":1}}""", "functions must not produce multiple outputs for same inputs")]
    [InlineData("""[{"code":"rego_type_error","message":"undefined function foo"},{"code":"rego_type_error","message":"second"}]""", "undefined function foo")]
    [InlineData("""{"code":"internal_error"}""", "internal_error")]
    [InlineData("\"storage: transaction aborted\"", "storage: transaction aborted")]
    [InlineData("{}", "policy evaluation failed")]
    public void An_evaluation_error_is_a_denial_with_the_errors_message(string error, string expected)
    {
        var decision = Accepted(WithResult(null, extra: $",\"error\":{error}"));

        Assert.False(decision.Succeeded);
        Assert.Equal(expected, decision.FailureReason);
    }

    [Fact]
    public void An_error_outweighs_a_result()
    {
        var decision = Accepted(WithResult("true", extra: ",\"error\":{\"message\":\"timeout\"}"));

        Assert.False(decision.Succeeded);
        Assert.Equal("timeout", decision.FailureReason);
    }

    [Theory]
    [InlineData("""{"deny":["no role"]}""", "no decision: none of result, result.allow, result.allowed, result.response.allowed holds a boolean")]
    [InlineData("""{"response":{"status":{}}}""", "no decision: none of result, result.allow, result.allowed, result.response.allowed holds a boolean")]
    public void A_result_without_a_decision_is_missing_a_field(string result, string expected)
    {
        var record = Rejected(WithResult(result));

        Assert.Equal(RejectionCode.MissingField, record.Code);
        Assert.Equal(expected, record.Reason);
    }

    [Theory]
    [InlineData("""{"decision_id":42,"input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "decision_id: expected a string, found a number")]
    [InlineData("""{"decision_id":"d-1","path":["app"],"input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "path: expected a string, found an array")]
    [InlineData("""{"decision_id":"d-1","labels":"opa-1","input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "labels: expected an object, found a string")]
    [InlineData("""{"decision_id":"d-1","erased":"/input","input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "erased: expected an array of JSON pointers, found a string")]
    [InlineData("""{"decision_id":"d-1","masked":[1],"input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "masked: expected an array of JSON pointers, found a number in it")]
    [InlineData("""{"decision_id":"d-1","input":{"user":"a"},"result":{"allow":"yes"},"timestamp":"2024-05-01T12:00:00Z"}""", "result.allow: expected a boolean decision, found \"yes\"")]
    [InlineData("""{"decision_id":"d-1","input":{"user":"a"},"result":{"allow":1},"timestamp":"2024-05-01T12:00:00Z"}""", "result.allow: expected a boolean decision, found a number")]
    [InlineData("""{"decision_id":"d-1","input":{"user":"a"},"result":["x"],"timestamp":"2024-05-01T12:00:00Z"}""", "result: expected a boolean decision, found an array")]
    [InlineData("""{"decision_id":"d-1","input":{"user":"a"},"result":"maybe","timestamp":"2024-05-01T12:00:00Z"}""", "result: expected a boolean decision, found \"maybe\"")]
    public void A_field_of_the_wrong_type_is_an_invalid_field(string json, string expected)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal(expected, record.Reason);
    }

    [Theory]
    [InlineData("""{"labels":{"id":"opa-1"},"input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "no decision_id")]
    [InlineData("""{"labels":{"id":"opa-1"},"decision_id":"","input":{"user":"a"},"result":true,"timestamp":"2024-05-01T12:00:00Z"}""", "no decision_id")]
    [InlineData("""{"labels":{"id":"opa-1"},"decision_id":"d-1","input":{"user":"a"},"result":true}""", "no timestamp")]
    [InlineData("""{"labels":{"id":"opa-1"},"decision_id":"d-1","input":{"user":"a"},"result":true,"timestamp":null}""", "no timestamp")]
    public void A_decision_without_its_id_or_time_is_missing_a_field(string json, string expectedStart)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.MissingField, record.Code);
        Assert.StartsWith(expectedStart, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_decision_id_and_timestamp_are_needed_beside_a_subject()
    {
        var decision = Accepted("""{"decision_id":"d-1","input":{"user":"alice"},"timestamp":"2024-05-01T12:00:00Z"}""");

        Assert.Null(decision.AppDisplayName);
        Assert.False(decision.Succeeded);
    }

    [Fact]
    public void Fields_the_engine_does_not_read_may_hold_anything()
    {
        var decision = Accepted(WithInput(
            """{"user":"alice","deep":[[[{"a":[1,2,{"b":null}]}]]],"path":{"segments":["x"]}}""",
            extra: ""","bundles":{"a":{"revision":"r"}},"nd_builtin_cache":{"time.now_ns":{"[]":1}},"intermediate_results":{"x":[1]},"custom":{"k":"v"},"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736" """));

        Assert.Equal("alice", decision.IdentityId);
        Assert.Null(decision.Resource); // input.path is an object without an id, sub or name
    }

    [Fact]
    public void Decode_appends_to_the_records_already_in_the_list()
    {
        var records = new List<DecodedRecord> { DecodedRecord.Skipped("earlier", 0, Range.All) };

        Decoder.Decode("not json"u8, records);
        Decoder.Decode(Encoding.UTF8.GetBytes("[" + OpaEvents.Compact(0) + ",{\"decision_id\":"), records);

        Assert.Equal(3, records.Count);
        Assert.Equal("earlier", records[0].Reason);
        Assert.Equal(RejectionCode.MalformedJson, records[1].Code);
        Assert.Equal(RejectionCode.MalformedJson, records[2].Code);
    }

    [Fact]
    public void The_decoder_declares_the_opa_format()
    {
        Assert.Equal(SourceFormat.Opa, Decoder.Format);
    }

    [Fact]
    public void One_decoder_serves_many_threads()
    {
        var messages = Enumerable.Range(0, 200).Select(i => Encoding.UTF8.GetBytes(i % 2 == 0 ? OpaEvents.Compact(i, user: $"u-{i}") : OpaEvents.EnvoyExtAuthz)).ToArray();

        var identities = messages.AsParallel().Select(message =>
        {
            var records = new List<DecodedRecord>();
            Decoder.Decode(message, records);
            return Assert.Single(records).Event!.IdentityId;
        }).ToList();

        Assert.Equal(100, identities.Count(id => id.StartsWith("spiffe://", StringComparison.Ordinal)));
        Assert.Equal(100, identities.Distinct().Count(id => id.StartsWith("u-", StringComparison.Ordinal)));
    }
}
