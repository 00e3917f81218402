using System.Globalization;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// LogEvents the size and shape Okta writes them (debug data with behaviors and risk, the request's IP chain,
/// security context, targets: about 2.5 KB each), cycling through the scored kinds (sign-in, single sign-on,
/// MFA) and varied by index so no two events are byte-identical.
/// </summary>
internal static class OktaSamples
{
    private static readonly (string EventType, string DisplayMessage, string LegacyEventType, string Targets)[] Kinds =
    [
        ("user.session.start", "User login to Okta", "\"core.user_auth.login_success\"", "null"),
        ("user.authentication.sso", "User single sign on to app", "\"app.auth.sso\"", """[{"alternateId":"user@example.com","detailEntry":null,"displayName":"User","id":"0ua1ab2cd3EfGhIjK4x7","type":"AppUser"},{"alternateId":"Salesforce.com","detailEntry":{"signOnModeType":"SAML_2_0"},"displayName":"Salesforce.com","id":"0oa1ab2cd3EfGhIjK4x7","type":"AppInstance"}]"""),
        ("user.authentication.auth_via_mfa", "Authentication of user via MFA", "\"core.user.factor.attempt_success\"", """[{"alternateId":"user@example.com","detailEntry":null,"displayName":"User","id":"00u1qw1mqitPHM8AJ0g7","type":"User"},{"alternateId":"unknown","detailEntry":{"methodTypeUsed":"Get a push notification","methodUsedVerifiedProperties":"[DEVICE_BOUND, HARDWARE_PROTECTED, USER_VERIFYING]"},"displayName":"Okta Verify","id":"pfdb5wtu7rBggkg9G1d7","type":"AuthenticatorEnrollment"}]"""),
    ];

    /// <summary>One LogEvent, as log streaming or a forwarder ships it.</summary>
    public static string LogEvent(int index)
    {
        var (eventType, displayMessage, legacyEventType, targets) = Kinds[index % Kinds.Length];
        var second = index % 60;
        var ip = $"203.0.{index % 250}.{index % 200}";
        var lat = 37.77 + (index % 10 / 100.0);
        var lon = -122.41 - (index % 10 / 100.0);
        return string.Create(CultureInfo.InvariantCulture, $$$"""
            {"actor":{"alternateId":"user{{{index}}}@example.com","detailEntry":null,"displayName":"User {{{index}}}","id":"00u{{{index:D17}}}","type":"User"},"authenticationContext":{"authenticationProvider":null,"authenticationStep":0,"credentialProvider":null,"credentialType":null,"externalSessionId":"102{{{index:D10}}}SvCI4RVXChzXw","interface":null,"issuer":null},"client":{"device":"Computer","geographicalContext":{"city":"San Francisco","country":"United States","geolocation":{"lat":{{{lat}}},"lon":{{{lon}}}},"postalCode":"94107","state":"California"},"id":null,"ipAddress":"{{{ip}}}","userAgent":{"browser":"CHROME","os":"Mac OS X","rawUserAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"},"zone":"null"},"debugContext":{"debugData":{"authnRequestId":"Zvoj1d7sXt3uK6hGl4yRn{{{index:D6}}}","behaviors":"{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, New State=NEGATIVE, New Country=NEGATIVE, Velocity=NEGATIVE, New City=NEGATIVE}","deviceFingerprint":"541daf91d15bef64a7e08c946f{{{index % 1000000:D6}}}","dtHash":"3f8a1c6e9b2d4f7a0c5e8b1d3f6a9c2e4b7d0f3a6c9e2b5d8f1a4c7e0b{{{index % 1000000:D6}}}","factor":"OKTA_VERIFY_PUSH","pushOnlyResponseType":"OV_RESPONSE_APPROVE","requestId":"Zvoj1d7sXt3uK6hGl4yRn{{{index:D6}}}","requestUri":"/idp/idx/authenticators/poll","risk":"{level=LOW}","threatSuspected":"false","url":"/idp/idx/authenticators/poll?"}},"device":{"device_integrator":null,"disk_encryption_type":"ALL_INTERNAL_VOLUMES","id":"guob5wtu7rB{{{index % 1000000:D9}}}","jailbreak":null,"managed":false,"name":"MacBookPro16,1","os_platform":"OSX","os_version":"14.3.0","registered":true,"screen_lock_type":"BIOMETRIC","secure_hardware_present":true},"displayMessage":"{{{displayMessage}}}","eventType":"{{{eventType}}}","legacyEventType":{{{legacyEventType}}},"outcome":{"reason":null,"result":"SUCCESS"},"published":"2026-11-22T08:{{{second:D2}}}:{{{index % 59:D2}}}.{{{index % 1000:D3}}}Z","request":{"ipChain":[{"geographicalContext":{"city":"San Francisco","country":"United States","geolocation":{"lat":{{{lat}}},"lon":{{{lon}}}},"postalCode":"94107","state":"California"},"ip":"{{{ip}}}","source":null,"version":"V4"}]},"securityContext":{"asNumber":{{{7018 + (index % 20)}}},"asOrg":"AT&T Services, Inc.","domain":"att.net","isProxy":false,"isp":"AT&T Services, Inc."},"severity":"INFO","target":{{{targets}}},"transaction":{"detail":{},"id":"Zvoj1d7sXt3uK6hGl4yRn{{{index:D6}}}","type":"WEB"},"uuid":"f790999f-fe87-467a-9880-{{{index:D12}}}","version":"0"}
            """);
    }

    /// <summary>A page of <c>GET /api/v1/logs</c>: a JSON array of LogEvents.</summary>
    public static string LogEventArray(int firstIndex, int count) =>
        "[" + string.Join(',', Enumerable.Range(firstIndex, count).Select(LogEvent)) + "]";

    /// <summary>An event hook delivery carrying <paramref name="count"/> LogEvents in <c>data.events</c>.</summary>
    public static string EventHookDelivery(int firstIndex, int count) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","contentType":"application/json","eventId":"b5a188b9-5ece-4636-b041-{{{firstIndex:D12}}}","eventTime":"2026-11-22T08:00:00.000Z","source":"https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3","data":{"events":{{{LogEventArray(firstIndex, count)}}}}}
        """);
}
