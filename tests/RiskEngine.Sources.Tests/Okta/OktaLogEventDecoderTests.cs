using System.Text;
using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Okta;

namespace RiskEngine.Sources.Tests.Okta;

public sealed class OktaLogEventDecoderTests
{
    private static readonly OktaLogEventDecoder Decoder = new();

    /// <summary>The smallest LogEvent the engine scores, for tests about one field.</summary>
    private const string Minimal = """{"uuid":"e-1","published":"2024-03-01T08:00:00.000Z","eventType":"user.session.start","actor":{"id":"00u1","type":"User"},"outcome":{"result":"SUCCESS"}""";

    private static List<DecodedRecord> Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    private static List<DecodedRecord> Decode(byte[] message)
    {
        var records = new List<DecodedRecord>();
        Decoder.Decode(message, records);
        return records;
    }

    private static IdentityEvent Accepted(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.True(record.Outcome == DecodeOutcome.Accepted, $"{record.Outcome}: {record.Reason}");
        Assert.Null(record.Reason);
        return record.Event!;
    }

    private static DecodedRecord Rejected(string json)
    {
        var record = Assert.Single(Decode(json));
        Assert.Equal(DecodeOutcome.Rejected, record.Outcome);
        Assert.Null(record.Event);
        return record;
    }

    /// <summary><see cref="Minimal"/> with more properties, closed.</summary>
    private static string MinimalWith(string properties) => Minimal + (properties.Length == 0 ? "}" : "," + properties + "}");

    private static string Text(byte[] message, Range raw) => Encoding.UTF8.GetString(message.AsSpan()[raw]);

    [Fact]
    public void The_format_is_okta()
    {
        Assert.Equal(SourceFormat.Okta, Decoder.Format);
    }

    [Fact]
    public void The_documented_example_log_event_maps_every_field()
    {
        var record = Assert.Single(Decode(OktaLogEvents.SessionStart));

        Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        var signIn = record.Event!;
        Assert.Equal("f790999f-fe87-467a-9880-6982a583986c", signIn.EventId);
        Assert.Equal(new DateTimeOffset(2017, 9, 30, 22, 23, 7, 777, TimeSpan.Zero), signIn.Timestamp);
        Assert.Equal(EventSource.Okta, signIn.Source);
        Assert.Equal(EventKind.SignIn, signIn.Kind);
        Assert.Equal("00u1qw1mqitPHM8AJ0g7", signIn.IdentityId);
        Assert.Equal(PrincipalType.User, signIn.PrincipalType);
        Assert.Equal("admin@example.com", signIn.UserPrincipalName);
        Assert.Equal("1013FfF-DKQSvCI4RVXChzX-w", signIn.SessionId);
        Assert.True(signIn.Succeeded);
        Assert.Null(signIn.FailureReason);
        Assert.Equal(0, signIn.ErrorCode);
        Assert.True(signIn.Interactive);
        Assert.Equal("12.97.85.90", signIn.IpAddress);
        Assert.Equal(7018, signIn.AutonomousSystemNumber);
        Assert.Equal("San Francisco", signIn.City);
        Assert.Equal("United States", signIn.CountryOrRegion);
        Assert.Equal(new GeoCoordinates(37.7749, -122.4194), signIn.Coordinates);
        Assert.Equal("guob5wtu7rBggkg9G1d7", signIn.DeviceId);
        Assert.Equal("MacBookPro16,1", signIn.DeviceName);
        Assert.Equal("OSX", signIn.OperatingSystem);
        Assert.Equal("CHROME", signIn.Browser);
        Assert.StartsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", signIn.UserAgent, StringComparison.Ordinal);
        Assert.Null(signIn.AppDisplayName);
        Assert.Null(signIn.TenantId);
        Assert.False(signIn.DeviceManaged);
        Assert.Null(signIn.DeviceCompliant);
        Assert.Null(signIn.MfaSatisfied);
        Assert.Null(signIn.LegacyAuthentication);
        Assert.Null(signIn.TokenId);
    }

    [Fact]
    public void What_a_challenge_says_of_mfa_is_kept_approved_denied_or_not_yet_answered()
    {
        Assert.True(Accepted(OktaLogEvents.PushApproved).MfaSatisfied);
        Assert.False(Accepted(OktaLogEvents.PushDeniedIdentityEngine).MfaSatisfied);
        Assert.False(Accepted(OktaLogEvents.PushDeniedClassic).MfaSatisfied);
        Assert.False(Accepted(OktaLogEvents.PushDeniedIdentityEngine.Edit("\"OV_RESPONSE_DENY\"", "\"OV_RESPONSE_ERROR\"")).MfaSatisfied);
        Assert.Null(Accepted(OktaLogEvents.PushSent).MfaSatisfied);
        Assert.Null(Accepted(OktaLogEvents.FailedSessionStart).MfaSatisfied);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"True\"", true)]
    [InlineData("null", null)]
    [InlineData("\"-\"", null)]
    public void Whether_the_device_is_managed_is_read_in_the_forms_producers_write(string written, bool? managed)
    {
        Assert.Equal(managed, Accepted(OktaLogEvents.SessionStart.Edit("\"managed\": false", $"\"managed\": {written}")).DeviceManaged);
    }

    [Theory]
    [InlineData("user.session.start", EventKind.SignIn)]
    [InlineData("user.authentication.authenticate", EventKind.SignIn)]
    [InlineData("user.authentication.verify", EventKind.SignIn)]
    [InlineData("user.authentication.sso", EventKind.SingleSignOn)]
    [InlineData("user.authentication.auth_via_mfa", EventKind.MfaChallenge)]
    [InlineData("system.push.send_factor_verify_push", EventKind.MfaChallenge)]
    [InlineData("user.mfa.okta_verify.deny_push", EventKind.MfaChallenge)]
    [InlineData("user.mfa.okta_verify.deny_push_upgrade_needed", EventKind.MfaChallenge)]
    [InlineData("user.session.end", EventKind.SessionEnd)]
    public void Each_scored_event_type_maps_to_its_kind(string eventType, EventKind kind)
    {
        var identityEvent = Accepted(OktaLogEvents.SessionStart.Edit("\"user.session.start\"", $"\"{eventType}\""));

        Assert.Equal(kind, identityEvent.Kind);
        Assert.Equal(EventSource.Okta, identityEvent.Source);
        Assert.Equal("00u1qw1mqitPHM8AJ0g7", identityEvent.IdentityId);
    }

    [Fact]
    public void Single_sign_on_names_the_app_of_the_first_app_instance_target()
    {
        var sso = Accepted(OktaLogEvents.SingleSignOn);

        Assert.Equal(EventKind.SingleSignOn, sso.Kind);
        Assert.Equal("Salesforce.com", sso.AppDisplayName);
        Assert.True(sso.Succeeded);
    }

    [Fact]
    public void A_failed_sign_in_carries_the_reason_and_no_session()
    {
        var signIn = Accepted(OktaLogEvents.FailedSessionStart);

        Assert.False(signIn.Succeeded);
        Assert.Equal("INVALID_CREDENTIALS", signIn.FailureReason);
        Assert.Null(signIn.SessionId);
    }

    [Fact]
    public void A_push_the_user_approved_is_a_passed_mfa_challenge()
    {
        var challenge = Accepted(OktaLogEvents.PushApproved);

        Assert.Equal(EventKind.MfaChallenge, challenge.Kind);
        Assert.True(challenge.Succeeded);
        Assert.Null(challenge.FailureReason);
        Assert.Null(challenge.AppDisplayName);
    }

    [Fact]
    public void A_push_the_user_denied_in_identity_engine_is_a_failed_challenge_that_says_so()
    {
        var challenge = Accepted(OktaLogEvents.PushDeniedIdentityEngine);

        Assert.Equal(EventKind.MfaChallenge, challenge.Kind);
        Assert.False(challenge.Succeeded);
        Assert.Equal("the user denied the Okta Verify push (INVALID_CREDENTIALS)", challenge.FailureReason);
    }

    [Fact]
    public void A_wrong_code_in_identity_engine_is_a_failed_challenge_but_not_a_denied_push()
    {
        var challenge = Accepted(OktaLogEvents.PushDeniedIdentityEngine.Edit("\"OV_RESPONSE_DENY\"", "\"OV_RESPONSE_ERROR\""));

        Assert.False(challenge.Succeeded);
        Assert.Equal("INVALID_CREDENTIALS", challenge.FailureReason);
    }

    [Theory]
    [InlineData("\"outcome\": { \"result\": \"FAILURE\", \"reason\": null }", "the user denied the Okta Verify push")]
    [InlineData("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "the user denied the Okta Verify push")]
    [InlineData("\"outcome\": null", "the user denied the Okta Verify push")]
    [InlineData("\"outcome\": { \"result\": \"FAILURE\", \"reason\": \"User rejected\" }", "the user denied the Okta Verify push (User rejected)")]
    public void A_classic_push_denial_is_a_denial_by_its_type_whatever_its_outcome(string outcome, string reason)
    {
        var json = OktaLogEvents.PushDeniedClassic.Edit("\"outcome\": { \"result\": \"FAILURE\", \"reason\": null }", outcome);

        var challenge = Accepted(json);

        Assert.Equal(EventKind.MfaChallenge, challenge.Kind);
        Assert.False(challenge.Succeeded);
        Assert.Equal(reason, challenge.FailureReason);
    }

    [Fact]
    public void A_push_sent_is_a_challenge_issued_not_one_passed()
    {
        var challenge = Accepted(OktaLogEvents.PushSent);

        Assert.Equal(EventKind.MfaChallenge, challenge.Kind);
        Assert.False(challenge.Succeeded);
        Assert.Equal("Okta Verify push sent: the challenge is not answered yet", challenge.FailureReason);
    }

    [Theory]
    [InlineData("SUCCESS", true, null)]
    [InlineData("ALLOW", true, null)]
    [InlineData("success", true, null)]
    [InlineData("FAILURE", false, "outcome FAILURE")]
    [InlineData("DENY", false, "outcome DENY")]
    [InlineData("CHALLENGE", false, "outcome CHALLENGE: a further factor was required, the sign-in is not complete")]
    [InlineData("SKIPPED", false, "outcome SKIPPED: not a completed success")]
    [InlineData("UNKNOWN", false, "outcome UNKNOWN: not a completed success")]
    [InlineData("RATE_LIMIT", false, "outcome RATE_LIMIT: not a completed success")]
    public void Only_success_and_allow_are_successes(string result, bool succeeded, string? reason)
    {
        var signIn = Accepted(OktaLogEvents.SessionStart.Edit("\"result\": \"SUCCESS\"", $"\"result\": \"{result}\""));

        Assert.Equal(succeeded, signIn.Succeeded);
        Assert.Equal(reason, signIn.FailureReason);
    }

    [Fact]
    public void The_outcome_reason_explains_a_challenge_when_okta_gives_one()
    {
        var signIn = Accepted(MinimalWith("").Edit("\"outcome\":{\"result\":\"SUCCESS\"}", "\"outcome\":{\"result\":\"CHALLENGE\",\"reason\":\"MFA_REQUIRED\"}"));

        Assert.False(signIn.Succeeded);
        Assert.Equal("MFA_REQUIRED", signIn.FailureReason);
    }

    [Fact]
    public void A_session_end_is_decoded_as_such()
    {
        var end = Accepted(OktaLogEvents.SessionStart
            .Edit("\"user.session.start\"", "\"user.session.end\"")
            .Edit("\"User login to Okta\"", "\"User logout from Okta\""));

        Assert.Equal(EventKind.SessionEnd, end.Kind);
        Assert.Equal("1013FfF-DKQSvCI4RVXChzX-w", end.SessionId);
    }

    [Theory]
    [InlineData("SystemPrincipal")]
    [InlineData("PublicClientApp")]
    [InlineData("Client")]
    public void An_actor_that_is_not_a_user_is_a_workload(string actorType)
    {
        var signIn = Accepted(OktaLogEvents.SessionStart.Edit("\"type\": \"User\"", $"\"type\": \"{actorType}\""));

        Assert.Equal(PrincipalType.Workload, signIn.PrincipalType);
    }

    [Fact]
    public void An_actor_without_a_type_is_taken_for_a_user()
    {
        Assert.Equal(PrincipalType.User, Accepted(MinimalWith("").Edit(",\"type\":\"User\"", "")).PrincipalType);
    }

    [Fact]
    public void The_user_agent_os_stands_in_when_there_is_no_okta_verify_device()
    {
        var signIn = Accepted(MinimalWith("""
            "device":null,"client":{"userAgent":{"os":"Windows 10","browser":"EDGE","rawUserAgent":"Mozilla/5.0 (Windows NT 10.0)"}}
            """));

        Assert.Equal("Windows 10", signIn.OperatingSystem);
        Assert.Equal("EDGE", signIn.Browser);
        Assert.Null(signIn.DeviceId);
        Assert.Null(signIn.DeviceName);
    }

    [Fact]
    public void Unknown_and_placeholder_values_are_absent()
    {
        var signIn = Accepted(MinimalWith("""
            "client":{"ipAddress":"-","userAgent":{"os":"Unknown","browser":"UNKNOWN","rawUserAgent":"UNKNOWN-DOWNLOAD"},
                      "geographicalContext":{"city":"","country":"-","geolocation":{"lat":"-","lon":""}}},
            "authenticationContext":{"externalSessionId":"-"},"device":{"id":"","name":"-","os_platform":null},
            "securityContext":{"asNumber":"-"}
            """).Edit("\"actor\":{\"id\":\"00u1\",\"type\":\"User\"}", "\"actor\":{\"id\":\"00u1\",\"type\":\"User\",\"alternateId\":\"unknown\"}"));

        Assert.Null(signIn.IpAddress);
        Assert.Null(signIn.OperatingSystem);
        Assert.Null(signIn.Browser);
        Assert.Equal("UNKNOWN-DOWNLOAD", signIn.UserAgent);
        Assert.Null(signIn.City);
        Assert.Null(signIn.CountryOrRegion);
        Assert.Null(signIn.Coordinates);
        Assert.Null(signIn.SessionId);
        Assert.Null(signIn.DeviceId);
        Assert.Null(signIn.DeviceName);
        Assert.Null(signIn.AutonomousSystemNumber);
        Assert.Null(signIn.UserPrincipalName);
    }

    [Fact]
    public void Numbers_written_as_strings_are_read()
    {
        var signIn = Accepted(MinimalWith("""
            "client":{"geographicalContext":{"geolocation":{"lat":"59.91","lon":"10.75"}}},"securityContext":{"asNumber":"64500"}
            """));

        Assert.Equal(new GeoCoordinates(59.91, 10.75), signIn.Coordinates);
        Assert.Equal(64500, signIn.AutonomousSystemNumber);
    }

    [Fact]
    public void An_integral_as_number_written_with_a_fraction_is_read()
    {
        Assert.Equal(64500, Accepted(MinimalWith("\"securityContext\":{\"asNumber\":64500.0}")).AutonomousSystemNumber);
    }

    [Fact]
    public void A_numeric_actor_id_is_read_as_its_text()
    {
        Assert.Equal("12345", Accepted(MinimalWith("").Edit("\"id\":\"00u1\"", "\"id\":12345")).IdentityId);
    }

    [Fact]
    public void The_event_time_is_converted_to_utc()
    {
        var signIn = Accepted(MinimalWith("").Edit("2024-03-01T08:00:00.000Z", "2024-03-01T10:00:00.000+02:00"));

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), signIn.Timestamp);
        Assert.Equal(TimeSpan.Zero, signIn.Timestamp.Offset);
    }

    [Fact]
    public void An_escaped_timestamp_is_read_like_the_plain_one()
    {
        var signIn = Accepted(MinimalWith("").Edit("2024-03-01T08:00:00.000Z", "2024-03-01T08:00:00\\u002E000Z"));

        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), signIn.Timestamp);
    }

    [Theory]
    [InlineData("user.account.lock")]
    [InlineData("user.account.update_password")]
    [InlineData("policy.evaluate_sign_on")]
    [InlineData("application.user_membership.add")]
    [InlineData("user.lifecycle.create")]
    [InlineData("group.user_membership.add")]
    public void Other_well_formed_log_events_are_skipped_by_their_type(string eventType)
    {
        var record = Assert.Single(Decode(OktaLogEvents.SessionStart.Edit("\"user.session.start\"", $"\"{eventType}\"")));

        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("okta:" + eventType, record.Reason);
        Assert.Null(record.Event);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
    }

    [Fact]
    public void A_skipped_event_needs_no_outcome_and_may_name_an_unresolved_actor()
    {
        // security.threat.detected names the attacker's request, not a user Okta knows.
        var json = """
            {"uuid":"c41d7a02-9e7b-11f1-8f2e-3b6a0c9d4e17","published":"2024-03-01T02:16:41.902Z","eventType":"security.threat.detected",
             "actor":{"id":"unknown","type":"User","alternateId":"unknown","displayName":"unknown"},"displayMessage":"Request from suspicious actor"}
            """;

        var record = Assert.Single(Decode(json));

        Assert.Equal(DecodeOutcome.Skipped, record.Outcome);
        Assert.Equal("okta:security.threat.detected", record.Reason);
    }

    [Fact]
    public void A_log_api_page_decodes_each_event_on_its_own_and_slices_the_raw_bytes_of_each()
    {
        var good = OktaLogEvents.SessionStart.Compact();
        var policy = OktaLogEvents.PolicyEvaluation.Compact();
        var bad = OktaLogEvents.FailedSessionStart.Edit("\"lat\": 37.7749", "\"lat\": \"NaN\"").Compact();
        var sso = OktaLogEvents.SingleSignOn.Compact();
        var message = Encoding.UTF8.GetBytes($"[\n  {good},\n  {policy},\n  {bad},\n  {sso}\n]\n");

        var records = Decode(message);

        Assert.Equal([DecodeOutcome.Accepted, DecodeOutcome.Skipped, DecodeOutcome.Rejected, DecodeOutcome.Accepted], records.Select(r => r.Outcome));
        Assert.Equal([0, 1, 2, 3], records.Select(r => r.RecordIndex));
        Assert.Equal("f790999f-fe87-467a-9880-6982a583986c", records[0].Event!.EventId);
        Assert.Equal("okta:policy.evaluate_sign_on", records[1].Reason);
        Assert.Equal(RejectionCode.InvalidField, records[2].Code);
        Assert.Equal("[2]: client.geographicalContext.geolocation.lat: expected a finite number, found \"NaN\"", records[2].Reason);
        Assert.Equal("Salesforce.com", records[3].Event!.AppDisplayName);

        Assert.Equal(good, Text(message, records[0].Raw));
        Assert.Equal(policy, Text(message, records[1].Raw));
        Assert.Equal(bad, Text(message, records[2].Raw));
        Assert.Equal(sso, Text(message, records[3].Raw));
        using var deadLetter = JsonDocument.Parse(message.AsMemory()[records[2].Raw]);
        Assert.Equal("INVALID_CREDENTIALS", deadLetter.RootElement.GetProperty("outcome").GetProperty("reason").GetString());
    }

    [Fact]
    public void An_event_hook_delivery_decodes_each_event_and_a_bad_one_is_rejected_alone()
    {
        // Okta's documented sample delivery, with two more events: one without its uuid, one good.
        var first = OktaLogEvents.SessionStart.Compact();
        var noUuid = OktaLogEvents.PushDeniedIdentityEngine.Edit("\"uuid\": \"4c02a7d3-9e81-11f1-9a63-1d4f7b2e8c05\",", "").Compact();
        var denied = OktaLogEvents.PushDeniedClassic.Compact();
        var message = Encoding.UTF8.GetBytes($$"""
            {
              "eventType": "com.okta.event_hook",
              "eventTypeVersion": "1.0",
              "cloudEventsVersion": "0.1",
              "contentType": "application/json",
              "eventId": "b5a188b9-5ece-4636-b041-482ffda96311",
              "eventTime": "2019-03-27T16:59:53.032Z",
              "source": "https://{yourOktaDomain}/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3",
              "data": {
                "events": [
                  {{first}},
                  {{noUuid}},
                  {{denied}}
                ]
              }
            }
            """);

        var records = Decode(message);

        Assert.Equal([DecodeOutcome.Accepted, DecodeOutcome.Rejected, DecodeOutcome.Accepted], records.Select(r => r.Outcome));
        Assert.Equal([0, 1, 2], records.Select(r => r.RecordIndex));
        Assert.Equal(RejectionCode.MissingField, records[1].Code);
        Assert.StartsWith("data.events[1]: no uuid", records[1].Reason, StringComparison.Ordinal);
        Assert.Equal(first, Text(message, records[0].Raw));
        Assert.Equal(noUuid, Text(message, records[1].Raw));
        Assert.Equal(denied, Text(message, records[2].Raw));
        Assert.False(records[2].Event!.Succeeded);
        Assert.Equal("the user denied the Okta Verify push", records[2].Event!.FailureReason);
    }

    [Fact]
    public void A_delivery_is_recognised_whatever_the_order_of_its_properties()
    {
        var message = $$"""{"data":{"events":[{{OktaLogEvents.SessionStart.Compact()}}]},"eventId":"b5a1","eventType":"com.okta.event_hook"}""";

        var record = Assert.Single(Decode(message));

        Assert.Equal(DecodeOutcome.Accepted, record.Outcome);
        Assert.Equal(0, record.RecordIndex);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","data":{"events":[]}}""")]
    public void A_page_or_a_delivery_with_no_events_yields_no_records(string message)
    {
        Assert.Empty(Decode(message));
    }

    [Theory]
    [InlineData("""{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","eventId":"b5a1"}""", "an event hook delivery without a data.events array")]
    [InlineData("""{"eventType":"com.okta.event_hook","data":{"events":{"uuid":"e-1"}}}""", "data.events must be an array of LogEvents, found an object")]
    public void A_delivery_without_an_events_array_is_the_wrong_shape(string message, string expectedStart)
    {
        var record = Rejected(message);

        Assert.Equal(RejectionCode.WrongShape, record.Code);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.StartsWith(expectedStart, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Elements_of_a_page_that_are_not_log_events_are_rejected_alone()
    {
        var good = OktaLogEvents.SessionStart.Compact();
        var hook = """{"eventType":"com.okta.event_hook","data":{"events":[]}}""";
        var message = Encoding.UTF8.GetBytes($"[5,{good},{hook},{OktaLogEvents.EntraSignIn}]");

        var records = Decode(message);

        Assert.Equal([DecodeOutcome.Rejected, DecodeOutcome.Accepted, DecodeOutcome.Rejected, DecodeOutcome.Rejected], records.Select(r => r.Outcome));
        Assert.All([records[0], records[2], records[3]], r => Assert.Equal(RejectionCode.WrongShape, r.Code));
        Assert.Equal("[0] must be a LogEvent object, found a number", records[0].Reason);
        Assert.Equal("5", Text(message, records[0].Raw));
        Assert.StartsWith("[2]: an event hook delivery, not a LogEvent", records[2].Reason, StringComparison.Ordinal);
        Assert.Equal(hook, Text(message, records[2].Raw));
        Assert.Equal("[3]: no eventType/published: not an Okta LogEvent", records[3].Reason);
    }

    [Theory]
    [InlineData(OktaLogEvents.EntraSignIn)]
    [InlineData(OktaLogEvents.EnvoyAccessLog)]
    [InlineData("""{"records":[{"time":"2024-03-01T08:00:00Z","category":"SignInLogs","properties":{"id":"s-1"}}]}""")]
    [InlineData("{}")]
    public void Json_of_another_format_is_the_wrong_shape_naming_what_is_missing(string json)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.WrongShape, record.Code);
        Assert.Equal("no eventType/published: not an Okta LogEvent", record.Reason);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
    }

    [Theory]
    [InlineData("\"a string\"", "found a string")]
    [InlineData("42", "found a number")]
    [InlineData("null", "found null")]
    public void A_message_that_is_neither_an_object_nor_an_array_is_the_wrong_shape(string json, string expectedEnd)
    {
        var record = Rejected(json);

        Assert.Equal(RejectionCode.WrongShape, record.Code);
        Assert.StartsWith("expected a LogEvent object, an array of LogEvents or an event hook delivery", record.Reason, StringComparison.Ordinal);
        Assert.EndsWith(expectedEnd, record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("")]
    [InlineData("""{"uuid":"e-1","published":""")]
    [InlineData("""{"uuid":"e-1","client":{"geographicalContext":{"geolocation":{"lat":NaN,"lon":0}}}}""")]
    public void Text_that_is_not_json_is_one_rejected_message(string text)
    {
        var record = Rejected(text);

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
        Assert.Equal(Range.All, record.Raw);
        Assert.StartsWith("not valid JSON", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_page_yields_no_partial_records()
    {
        var good = OktaLogEvents.SessionStart.Compact();
        var message = $"[{good},{good},{good[..(good.Length / 2)]}";

        var record = Rejected(message);

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
    }

    [Fact]
    public void A_truncated_delivery_yields_no_partial_records()
    {
        var good = OktaLogEvents.SessionStart.Compact();
        var message = $$"""{"eventType":"com.okta.event_hook","data":{"events":[{{good}},{{good}}]""";

        Assert.Equal(RejectionCode.MalformedJson, Rejected(message).Code);
    }

    [Fact]
    public void Trailing_data_after_the_value_rejects_the_whole_message()
    {
        var record = Rejected(MinimalWith("") + " " + MinimalWith(""));

        Assert.Equal(RejectionCode.MalformedJson, record.Code);
        Assert.Equal(DecodedRecord.WholeMessage, record.RecordIndex);
    }

    [Fact]
    public void Decode_appends_to_the_records_already_in_the_list()
    {
        var records = new List<DecodedRecord> { DecodedRecord.Skipped("earlier", 0, Range.All) };

        Decoder.Decode(Encoding.UTF8.GetBytes("[" + OktaLogEvents.SessionStart + ", {\"uuid\": 5"), records);

        Assert.Equal(2, records.Count);
        Assert.Equal("earlier", records[0].Reason);
        Assert.Equal(RejectionCode.MalformedJson, records[1].Code);
    }

    [Theory]
    [InlineData("\"actor\":{\"id\":{}}", "actor.id: expected a string, found an object")]
    [InlineData("\"published\":\"yesterday\"", "published: expected an RFC 3339 timestamp with a zone (2024-03-01T08:00:00.000Z), found \"yesterday\"")]
    [InlineData("\"published\":\"2024-03-01T08:00:00\"", "published: expected an RFC 3339 timestamp with a zone (2024-03-01T08:00:00.000Z), found \"2024-03-01T08:00:00\"")]
    [InlineData("\"published\":\"2024-03-01\"", "published: expected an RFC 3339 timestamp with a zone (2024-03-01T08:00:00.000Z), found \"2024-03-01\"")]
    [InlineData("\"published\":1709280000", "published: expected an RFC 3339 timestamp with a zone (2024-03-01T08:00:00.000Z), found a number")]
    [InlineData("\"outcome\":\"SUCCESS\"", "outcome: expected an object, found \"SUCCESS\"")]
    [InlineData("\"outcome\":{\"result\":[\"SUCCESS\"]}", "outcome.result: expected a string, found an array")]
    [InlineData("\"client\":{\"ipAddress\":[\"12.97.85.90\"]}", "client.ipAddress: expected a string, found an array")]
    [InlineData("\"client\":{\"geographicalContext\":{\"geolocation\":{\"lat\":true,\"lon\":0}}}", "client.geographicalContext.geolocation.lat: expected a finite number, found a boolean")]
    [InlineData("\"client\":{\"geographicalContext\":{\"geolocation\":\"37.77,-122.42\"}}", "client.geographicalContext.geolocation: expected an object, found \"37.77,-122.42\"")]
    [InlineData("\"securityContext\":{\"asNumber\":\"AS7018\"}", "securityContext.asNumber: expected an AS number (an integer from 0 to 2147483647), found \"AS7018\"")]
    [InlineData("\"securityContext\":{\"asNumber\":-1}", "securityContext.asNumber: expected an AS number (an integer from 0 to 2147483647), found a number")]
    [InlineData("\"securityContext\":{\"asNumber\":1.5}", "securityContext.asNumber: expected an AS number (an integer from 0 to 2147483647), found a number")]
    [InlineData("\"securityContext\":{\"asNumber\":3000000000}", "securityContext.asNumber: expected an AS number (an integer from 0 to 2147483647), found a number")]
    [InlineData("\"device\":\"iPhone\"", "device: expected an object, found \"iPhone\"")]
    [InlineData("\"target\":{\"type\":\"AppInstance\"}", "target: expected an array, found an object")]
    [InlineData("\"target\":[5]", "target[0]: expected an object, found a number")]
    [InlineData("\"target\":[{\"type\":\"AppUser\"},{\"type\":\"AppInstance\",\"displayName\":{}}]", "target[1].displayName: expected a string, found an object")]
    public void A_field_of_the_wrong_type_rejects_the_event_naming_the_field(string badField, string expectedReason)
    {
        var record = Rejected(MinimalWith(badField));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal(expectedReason, record.Reason);
    }

    [Fact]
    public void A_bad_field_is_reported_by_its_path_and_the_fields_after_it_are_still_read()
    {
        var json = """{"client":{"geographicalContext":{"geolocation":{"lat":"abc","lon":1}},"ipAddress":"1.2.3.4"},"uuid":"e-1","published":"2024-03-01T08:00:00Z","eventType":"user.session.start","actor":{"id":"00u1"},"outcome":{"result":"SUCCESS"}}""";

        var record = Rejected(json);

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("client.geographicalContext.geolocation.lat: expected a finite number, found \"abc\"", record.Reason);
    }

    [Fact]
    public void A_type_error_rejects_an_event_the_engine_would_skip_too()
    {
        var record = Rejected(OktaLogEvents.PolicyEvaluation.Edit("\"ipAddress\": \"12.97.85.90\"", "\"ipAddress\": {}"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
    }

    [Fact]
    public void Debug_data_never_rejects_an_event()
    {
        var signIn = Accepted(MinimalWith("\"debugContext\":{\"debugData\":{\"pushOnlyResponseType\":{\"x\":1},\"risk\":[1,2],\"behaviors\":null}}"));
        var odd = Accepted(MinimalWith("\"debugContext\":\"not an object\""));

        Assert.True(signIn.Succeeded);
        Assert.True(odd.Succeeded);
    }

    [Theory]
    [InlineData("\"actor\":{\"id\":\"00u1\",\"type\":\"User\"},", "")]
    [InlineData("\"actor\":{\"id\":\"00u1\",\"type\":\"User\"},", "\"actor\":null,")]
    [InlineData("\"id\":\"00u1\"", "\"id\":null")]
    [InlineData("\"id\":\"00u1\"", "\"id\":\"\"")]
    [InlineData("\"id\":\"00u1\"", "\"id\":\"-\"")]
    public void An_event_without_an_actor_id_names_no_identity(string from, string to)
    {
        var record = Rejected(MinimalWith("").Edit(from, to));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.Equal("no actor.id: the LogEvent names no identity to score", record.Reason);
    }

    [Fact]
    public void A_sign_in_by_an_actor_okta_could_not_resolve_names_no_identity()
    {
        // What Okta logs for a sign-in with a username it does not know.
        var record = Rejected(OktaLogEvents.FailedSessionStart
            .Edit("\"id\": \"00u1qw1mqitPHM8AJ0g7\"", "\"id\": \"unknown\"")
            .Edit("\"outcome\": { \"result\": \"FAILURE\", \"reason\": \"INVALID_CREDENTIALS\" }", "\"outcome\": { \"result\": \"FAILURE\", \"reason\": \"VERIFICATION_ERROR\" }"));

        Assert.Equal(RejectionCode.MissingIdentity, record.Code);
        Assert.StartsWith("actor.id is \"unknown\"", record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"uuid\":\"e-1\",", "", "no uuid:")]
    [InlineData("\"uuid\":\"e-1\",", "\"uuid\":\"-\",", "no uuid:")]
    [InlineData("\"published\":\"2024-03-01T08:00:00.000Z\",", "", "no published:")]
    [InlineData("\"published\":\"2024-03-01T08:00:00.000Z\",", "\"published\":null,", "no published:")]
    [InlineData("\"eventType\":\"user.session.start\",", "", "no eventType:")]
    [InlineData(",\"outcome\":{\"result\":\"SUCCESS\"}", "", "no outcome.result:")]
    [InlineData(",\"outcome\":{\"result\":\"SUCCESS\"}", ",\"outcome\":{\"reason\":\"INVALID_CREDENTIALS\"}", "no outcome.result:")]
    [InlineData(",\"outcome\":{\"result\":\"SUCCESS\"}", ",\"outcome\":{\"result\":\"\"}", "no outcome.result:")]
    public void An_event_missing_a_field_it_cannot_be_scored_without_is_rejected(string from, string to, string expectedStart)
    {
        var record = Rejected(MinimalWith("").Edit(from, to));

        Assert.Equal(RejectionCode.MissingField, record.Code);
        Assert.StartsWith(expectedStart, record.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200", "-122.4194", "client.geographicalContext.geolocation (200, -122.4194) out of range")]
    [InlineData("37.7749", "-181", "client.geographicalContext.geolocation (37.7749, -181) out of range")]
    [InlineData("\"95\"", "0", "client.geographicalContext.geolocation (95, 0) out of range")]
    [InlineData("-90.5", "0", "client.geographicalContext.geolocation (-90.5, 0) out of range")]
    public void A_geolocation_out_of_range_is_rejected(string lat, string lon, string expectedStart)
    {
        var record = Rejected(OktaLogEvents.SessionStart.Edit("\"geolocation\": { \"lat\": 37.7749, \"lon\": -122.4194 }", $"\"geolocation\": {{ \"lat\": {lat}, \"lon\": {lon} }}"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.StartsWith(expectedStart, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_geolocation_at_the_edges_is_accepted()
    {
        var signIn = Accepted(MinimalWith("\"client\":{\"geographicalContext\":{\"geolocation\":{\"lat\":-90,\"lon\":180}}}"));

        Assert.Equal(new GeoCoordinates(-90, 180), signIn.Coordinates);
    }

    [Theory]
    [InlineData("{\"lat\":37.7749}")]
    [InlineData("{\"lon\":-122.4194}")]
    [InlineData("{\"lat\":\"-\",\"lon\":-122.4194}")]
    public void A_lat_without_a_lon_is_rejected(string geolocation)
    {
        var record = Rejected(MinimalWith($"\"client\":{{\"geographicalContext\":{{\"geolocation\":{geolocation}}}}}"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("client.geographicalContext.geolocation has a lat or a lon but not both", record.Reason);
    }

    [Fact]
    public void An_out_of_range_geolocation_rejects_an_event_the_engine_would_skip_too()
    {
        var record = Rejected(OktaLogEvents.PolicyEvaluation.Edit("\"lat\": 37.7749", "\"lat\": 137.7749"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
    }

    [Theory]
    [InlineData("\"lat\":\"NaN\",\"lon\":0", "lat: expected a finite number, found \"NaN\"")]
    [InlineData("\"lat\":\"nan\",\"lon\":0", "lat: expected a finite number, found \"nan\"")]
    [InlineData("\"lat\":0,\"lon\":\"Infinity\"", "lon: expected a finite number, found \"Infinity\"")]
    [InlineData("\"lat\":\"-Infinity\",\"lon\":0", "lat: expected a finite number, found \"-Infinity\"")]
    [InlineData("\"lat\":\"1e999\",\"lon\":0", "lat: expected a finite number, found \"1e999\"")]
    public void Nan_like_coordinates_are_rejected(string coordinates, string expectedEnd)
    {
        var record = Rejected(MinimalWith($"\"client\":{{\"geographicalContext\":{{\"geolocation\":{{{coordinates}}}}}}}"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("client.geographicalContext.geolocation." + expectedEnd, record.Reason);
    }

    [Fact]
    public void A_nan_like_as_number_is_rejected()
    {
        var record = Rejected(MinimalWith("\"securityContext\":{\"asNumber\":\"NaN\"}"));

        Assert.Equal(RejectionCode.InvalidField, record.Code);
        Assert.Equal("securityContext.asNumber: expected an AS number (an integer from 0 to 2147483647), found \"NaN\"", record.Reason);
    }
}
