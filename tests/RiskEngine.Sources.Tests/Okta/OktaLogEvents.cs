using System.Text.Json;

namespace RiskEngine.Sources.Tests.Okta;

/// <summary>
/// LogEvents shaped like Okta's documented examples: the example LogEvent of the System Log API reference and
/// the sample event hook delivery, with the optional objects Okta documents (geographicalContext,
/// securityContext, device, target, debugContext) filled in the way real events carry them.
/// </summary>
internal static class OktaLogEvents
{
    /// <summary>
    /// The System Log API reference's example user.session.start, with its optional context filled in. (The
    /// reference publishes it on 2017-09-31, a day that does not exist; here it is the 30th.)
    /// </summary>
    public const string SessionStart = """
        {
          "version": "0",
          "severity": "INFO",
          "client": {
            "zone": "OFF_NETWORK",
            "device": "Computer",
            "userAgent": {
              "os": "Mac OS X",
              "browser": "CHROME",
              "rawUserAgent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
            },
            "geographicalContext": {
              "city": "San Francisco",
              "state": "California",
              "country": "United States",
              "postalCode": "94107",
              "geolocation": { "lat": 37.7749, "lon": -122.4194 }
            },
            "ipAddress": "12.97.85.90",
            "id": null
          },
          "device": {
            "id": "guob5wtu7rBggkg9G1d7",
            "name": "MacBookPro16,1",
            "os_platform": "OSX",
            "os_version": "14.3.0",
            "managed": false,
            "registered": true,
            "device_integrator": null,
            "disk_encryption_type": "ALL_INTERNAL_VOLUMES",
            "screen_lock_type": "BIOMETRIC",
            "jailbreak": null,
            "secure_hardware_present": true
          },
          "actor": {
            "id": "00u1qw1mqitPHM8AJ0g7",
            "type": "User",
            "alternateId": "admin@example.com",
            "displayName": "John Doe",
            "detailEntry": null
          },
          "outcome": { "result": "SUCCESS", "reason": null },
          "uuid": "f790999f-fe87-467a-9880-6982a583986c",
          "published": "2017-09-30T22:23:07.777Z",
          "eventType": "user.session.start",
          "displayMessage": "User login to Okta",
          "transaction": { "type": "WEB", "id": "V04Oy4ubUOc5UuG6s9DyNQAABtc", "detail": {} },
          "debugContext": {
            "debugData": {
              "requestUri": "/login/do-login",
              "deviceFingerprint": "541daf91d15bef64a7e08c946fd9a9d0",
              "threatSuspected": "false"
            }
          },
          "legacyEventType": "core.user_auth.login_success",
          "authenticationContext": {
            "authenticationProvider": null,
            "credentialProvider": null,
            "credentialType": null,
            "issuer": null,
            "interface": null,
            "authenticationStep": 0,
            "externalSessionId": "1013FfF-DKQSvCI4RVXChzX-w"
          },
          "securityContext": { "asNumber": 7018, "asOrg": "AT&T Services, Inc.", "isp": "AT&T Services, Inc.", "domain": "att.net", "isProxy": false },
          "request": {
            "ipChain": [
              { "ip": "12.97.85.90", "version": "V4", "source": null, "geographicalContext": { "city": "San Francisco", "country": "United States", "geolocation": { "lat": 37.7749, "lon": -122.4194 } } }
            ]
          },
          "target": null
        }
        """;

    /// <summary>An SSO into an app: the targets are the app user and the app instance, as Okta writes them.</summary>
    public static readonly string SingleSignOn = SessionStart
        .Edit("\"eventType\": \"user.session.start\"", "\"eventType\": \"user.authentication.sso\"")
        .Edit("\"displayMessage\": \"User login to Okta\"", "\"displayMessage\": \"User single sign on to app\"")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": \"app.auth.sso\"")
        .Edit("\"uuid\": \"f790999f-fe87-467a-9880-6982a583986c\"", "\"uuid\": \"ff325685-0220-484c-82cf-5f8dc596acbe\"")
        .Edit("\"target\": null", """
            "target": [
                { "id": "0ua1ab2cd3EfGhIjK4x7", "type": "AppUser", "alternateId": "admin@example.com", "displayName": "John Doe", "detailEntry": null },
                { "id": "0oa1ab2cd3EfGhIjK4x7", "type": "AppInstance", "alternateId": "Salesforce.com", "displayName": "Salesforce.com", "detailEntry": { "signOnModeType": "SAML_2_0" } },
                { "id": "0oa9zy8xw7VuTsRqP4x7", "type": "AppInstance", "alternateId": "Slack", "displayName": "Slack", "detailEntry": null }
              ]
            """);

    /// <summary>Identity Engine: a factor verified, here an Okta Verify push the user approved.</summary>
    public static readonly string PushApproved = SessionStart
        .Edit("\"eventType\": \"user.session.start\"", "\"eventType\": \"user.authentication.auth_via_mfa\"")
        .Edit("\"displayMessage\": \"User login to Okta\"", "\"displayMessage\": \"Authentication of user via MFA\"")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": \"core.user.factor.attempt_success\"")
        .Edit("\"uuid\": \"f790999f-fe87-467a-9880-6982a583986c\"", "\"uuid\": \"4c02a7d3-9e81-11f1-9a63-1d4f7b2e8c05\"")
        .Edit("\"deviceFingerprint\": \"541daf91d15bef64a7e08c946fd9a9d0\"", "\"factor\": \"OKTA_VERIFY_PUSH\", \"factorIntent\": \"LOGIN\", \"pushOnlyResponseType\": \"OV_RESPONSE_APPROVE\"")
        .Edit("\"target\": null", """
            "target": [
                { "id": "00u1qw1mqitPHM8AJ0g7", "type": "User", "alternateId": "admin@example.com", "displayName": "John Doe", "detailEntry": null },
                { "id": "pfdb5wtu7rBggkg9G1d7", "type": "AuthenticatorEnrollment", "alternateId": "unknown", "displayName": "Okta Verify", "detailEntry": { "methodTypeUsed": "Get a push notification" } }
              ]
            """);

    /// <summary>Identity Engine: the user denied the push (FAILURE, INVALID_CREDENTIALS, OV_RESPONSE_DENY).</summary>
    public static readonly string PushDeniedIdentityEngine = PushApproved
        .Edit("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "\"outcome\": { \"result\": \"FAILURE\", \"reason\": \"INVALID_CREDENTIALS\" }")
        .Edit("\"legacyEventType\": \"core.user.factor.attempt_success\"", "\"legacyEventType\": \"core.user.factor.attempt_fail\"")
        .Edit("\"OV_RESPONSE_APPROVE\"", "\"OV_RESPONSE_DENY\"")
        .Edit("\"severity\": \"INFO\"", "\"severity\": \"WARN\"");

    /// <summary>Classic Engine: "User rejected Okta push verify".</summary>
    public static readonly string PushDeniedClassic = SessionStart
        .Edit("\"eventType\": \"user.session.start\"", "\"eventType\": \"user.mfa.okta_verify.deny_push\"")
        .Edit("\"displayMessage\": \"User login to Okta\"", "\"displayMessage\": \"User rejected Okta push verify\"")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": null")
        .Edit("\"uuid\": \"f790999f-fe87-467a-9880-6982a583986c\"", "\"uuid\": \"9d2c5a1e-4b7f-11ee-8c21-6b0e2f4a9d13\"")
        .Edit("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "\"outcome\": { \"result\": \"FAILURE\", \"reason\": null }");

    /// <summary>A push sent to the user's phone: Okta logs it SUCCESS (it was sent), but nothing is answered yet.</summary>
    public static readonly string PushSent = SessionStart
        .Edit("\"eventType\": \"user.session.start\"", "\"eventType\": \"system.push.send_factor_verify_push\"")
        .Edit("\"displayMessage\": \"User login to Okta\"", "\"displayMessage\": \"Push notification sent for verification\"")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": null")
        .Edit("\"uuid\": \"f790999f-fe87-467a-9880-6982a583986c\"", "\"uuid\": \"4b7e9c10-9e81-11f1-9a63-1d4f7b2e8c05\"");

    /// <summary>A failed sign-in: no session yet, so Okta writes externalSessionId "unknown".</summary>
    public static readonly string FailedSessionStart = SessionStart
        .Edit("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "\"outcome\": { \"result\": \"FAILURE\", \"reason\": \"INVALID_CREDENTIALS\" }")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": \"core.user_auth.login_failed\"")
        .Edit("\"externalSessionId\": \"1013FfF-DKQSvCI4RVXChzX-w\"", "\"externalSessionId\": \"unknown\"")
        .Edit("\"severity\": \"INFO\"", "\"severity\": \"WARN\"");

    /// <summary>The System Log example of a sign-on policy evaluation: a well-formed LogEvent the engine does not score.</summary>
    public static readonly string PolicyEvaluation = SessionStart
        .Edit("\"eventType\": \"user.session.start\"", "\"eventType\": \"policy.evaluate_sign_on\"")
        .Edit("\"displayMessage\": \"User login to Okta\"", "\"displayMessage\": \"Evaluation of sign-on policy\"")
        .Edit("\"legacyEventType\": \"core.user_auth.login_success\"", "\"legacyEventType\": null")
        .Edit("\"uuid\": \"f790999f-fe87-467a-9880-6982a583986c\"", "\"uuid\": \"3af594f9-4f67-11ea-abd3-1f5d113f2546\"")
        .Edit("\"outcome\": { \"result\": \"SUCCESS\", \"reason\": null }", "\"outcome\": { \"result\": \"ALLOW\", \"reason\": \"Sign-on policy evaluation resulted in ALLOW\" }")
        .Edit("\"target\": null", """
            "target": [
                { "id": "00p1abvweGGDW10Ur4x6", "type": "PolicyEntity", "alternateId": "unknown", "displayName": "Default Policy", "detailEntry": { "policyType": "OktaSignOn" } },
                { "id": "0pr1abvwfqGFI4n064x6", "type": "PolicyRule", "alternateId": "00p1abvweGGDW10Ur4x6", "displayName": "Default Rule", "detailEntry": null }
              ]
            """);

    /// <summary>A Graph signIn (Entra ID), which is not an Okta LogEvent.</summary>
    public const string EntraSignIn = """
        {"id":"66ea54eb-6301-4ee5-be62-ff5a759b8100","createdDateTime":"2024-03-01T10:15:30Z","userPrincipalName":"ada@contoso.com",
         "userId":"d1f5a3b2-0000-4000-8000-00000000ada1","appDisplayName":"Office 365","ipAddress":"203.0.113.7",
         "status":{"errorCode":0},"location":{"city":"Oslo","countryOrRegion":"NO","geoCoordinates":{"latitude":59.91,"longitude":10.75}}}
        """;

    /// <summary>An Istio/Envoy JSON access log line, which is not an Okta LogEvent.</summary>
    public const string EnvoyAccessLog = """
        {"start_time":"2024-03-01T08:00:00.123Z","method":"GET","path":"/api/orders/42","protocol":"HTTP/1.1","response_code":200,"response_flags":"-","bytes_received":0,"bytes_sent":512,"duration":7,"upstream_service_time":"5","x_forwarded_for":"-","user_agent":"curl/8.5.0","request_id":"0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e","authority":"orders.shop.svc.cluster.local:8080","upstream_host":"10.244.1.17:8080","upstream_cluster":"inbound|8080||","downstream_remote_address":"10.244.2.9:53412","downstream_peer_uri_san":"spiffe://cluster.local/ns/shop/sa/frontend"}
        """;

    /// <summary><paramref name="json"/> with one occurrence of <paramref name="from"/> replaced, failing if it is not there.</summary>
    public static string Edit(this string json, string from, string to)
    {
        var at = json.IndexOf(from, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"the sample has no {from}", nameof(from));
        }

        return string.Concat(json.AsSpan(0, at), to, json.AsSpan(at + from.Length));
    }

    /// <summary>A LogEvent's JSON on one line, as a forwarder ships it inside an array or a delivery.</summary>
    public static string Compact(this string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
