using System.Text.Json;

namespace RiskEngine.Simulation.Users;

/// <summary>
/// Writes a sign-in step as the Okta System Log records it: one <c>LogEvent</c>, with the client, geography,
/// network (<c>securityContext</c>), registered device, session (<c>authenticationContext.externalSessionId</c>) and,
/// for MFA, how the push was answered (<c>debugContext.debugData.pushOnlyResponseType</c>, as Identity Engine writes it).
/// </summary>
internal static class OktaLogEventJson
{
    /// <summary>What Okta writes for a session it has not issued (a failed sign-in has none).</summary>
    public const string NoSession = "unknown";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static byte[] Write(SignInFact fact) => SimulationJson.WriteObject(
        json =>
        {
            var (eventType, displayMessage, legacyEventType) = Describe(fact);
            var success = fact.Status.IsSuccess;
            json.WriteString("version", "0");
            json.WriteString("severity", success || fact.Step == SignInStep.MfaPushSent ? "INFO" : "WARN");
            WriteClient(json, fact);
            WriteDevice(json, fact.Device);
            json.WriteStartObject("actor");
            json.WriteString("id", fact.User.IdentityId);
            json.WriteString("type", "User");
            json.WriteString("alternateId", fact.User.UserPrincipalName);
            json.WriteString("displayName", fact.User.DisplayName);
            json.WriteNull("detailEntry");
            json.WriteEndObject();
            json.WriteStartObject("outcome");
            json.WriteString("result", success || fact.Step == SignInStep.MfaPushSent ? "SUCCESS" : "FAILURE");
            json.WriteStringOrNull("reason", success || fact.Step == SignInStep.MfaPushSent ? null : FailureReason(fact.Status));
            json.WriteEndObject();
            json.WriteString("uuid", fact.Id);
            json.WriteString("published", SimulationJson.FormatMilliseconds(fact.Time));
            json.WriteString("eventType", eventType);
            json.WriteString("displayMessage", displayMessage);
            json.WriteStartObject("transaction");
            json.WriteString("type", "WEB");
            json.WriteString("id", fact.CorrelationId);
            json.WriteStartObject("detail");
            json.WriteEndObject();
            json.WriteEndObject();
            WriteDebugContext(json, fact);
            json.WriteStringOrNull("legacyEventType", legacyEventType);
            WriteAuthenticationContext(json, fact);
            json.WriteStartObject("securityContext");
            json.WriteNumber("asNumber", fact.City.Asn);
            json.WriteString("asOrg", fact.City.NetworkName);
            json.WriteString("isp", fact.City.NetworkName);
            json.WriteString("domain", Domain(fact.City.NetworkName));
            json.WriteBoolean("isProxy", fact.City.IsAnonymizer);
            json.WriteEndObject();
            json.WriteStartObject("request");
            json.WriteStartArray("ipChain");
            json.WriteStartObject();
            json.WriteString("ip", fact.IpAddress);
            WriteGeography(json, fact.City);
            json.WriteString("version", "V4");
            json.WriteNull("source");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            WriteTargets(json, fact);
        },
        3072);

    /// <summary>Okta's id for a device registered with Okta Verify: <c>guo</c> and 17 letters and digits, here derived from the device's own id.</summary>
    public static string DeviceId(string deviceId)
    {
        var value = new System.Numerics.BigInteger(Guid.Parse(deviceId).ToByteArray(), isUnsigned: true);
        return string.Create(20, value, static (chars, number) =>
        {
            "guo".AsSpan().CopyTo(chars);
            for (var i = 3; i < chars.Length; i++)
            {
                chars[i] = Base62[(int)(number % 62)];
                number /= 62;
            }
        });
    }

    private static (string EventType, string DisplayMessage, string? LegacyEventType) Describe(SignInFact fact) => fact.Step switch
    {
        SignInStep.MfaPushSent => ("system.push.send_factor_verify_push", "Push notification sent for verification", null),
        SignInStep.MfaPushAnswered when fact.Status.IsSuccess => ("user.authentication.auth_via_mfa", "Authentication of user via MFA", "core.user.factor.attempt_success"),
        SignInStep.MfaPushAnswered => ("user.authentication.auth_via_mfa", "Authentication of user via MFA", "core.user.factor.attempt_fail"),
        SignInStep.SingleSignOn => ("user.authentication.sso", "User single sign on to app", "app.auth.sso"),
        SignInStep.SessionEnd => ("user.session.end", "User logout from Okta", "core.user_auth.logout_success"),
        _ when fact.Status.IsSuccess => ("user.session.start", "User login to Okta", "core.user_auth.login_success"),
        _ => ("user.session.start", "User login to Okta", "core.user_auth.login_failed"),
    };

    private static string FailureReason(SignInStatus status) =>
        status == SignInStatus.AccountLocked ? "LOCKED_OUT" : "INVALID_CREDENTIALS";

    private static void WriteClient(Utf8JsonWriter json, SignInFact fact)
    {
        var device = fact.Device;
        json.WriteStartObject("client");
        json.WriteString("zone", fact.NamedNetwork is null ? "null" : "Corporate VPN");
        json.WriteString("device", device.IsMobile ? "Mobile" : device.Browser.Length == 0 ? "Unknown" : "Computer");
        json.WriteStartObject("userAgent");
        json.WriteString("rawUserAgent", device.UserAgent);
        json.WriteString("os", UserAgentOs(device.OperatingSystem));
        json.WriteString("browser", UserAgentBrowser(device.Browser));
        json.WriteEndObject();
        WriteGeography(json, fact.City);
        json.WriteString("ipAddress", fact.IpAddress);
        json.WriteNull("id");
        json.WriteEndObject();
    }

    private static void WriteGeography(Utf8JsonWriter json, City city)
    {
        json.WriteStartObject("geographicalContext");
        json.WriteString("city", city.Name);
        json.WriteString("state", city.State);
        json.WriteString("country", Countries.Name(city.CountryCode));
        json.WriteNull("postalCode");
        json.WriteStartObject("geolocation");
        json.WriteNumber("lat", city.Latitude);
        json.WriteNumber("lon", city.Longitude);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Okta describes only devices registered with Okta Verify; for the others it writes null.</summary>
    private static void WriteDevice(Utf8JsonWriter json, Device device)
    {
        if (device.DeviceId.Length == 0)
        {
            json.WriteNull("device");
            return;
        }

        json.WriteStartObject("device");
        json.WriteString("id", DeviceId(device.DeviceId));
        json.WriteString("name", device.DisplayName);
        json.WriteString("os_platform", device.OperatingSystem switch
        {
            "iOS" => "IOS",
            "Android" => "ANDROID",
            "macOS" => "OSX",
            "Linux" => "LINUX",
            _ => "WINDOWS",
        });
        json.WriteString("os_version", device.OperatingSystem switch
        {
            "iOS" => "18.1.0",
            "Android" => "15",
            "macOS" => "15.1.0",
            "Linux" => "6.8.0",
            "Windows 10" => "10.0.19045",
            _ => "10.0.26100",
        });
        json.WriteBoolean("managed", device.IsManaged);
        json.WriteBoolean("registered", true);
        json.WriteEndObject();
    }

    private static void WriteDebugContext(Utf8JsonWriter json, SignInFact fact)
    {
        json.WriteStartObject("debugContext");
        json.WriteStartObject("debugData");
        json.WriteString("requestId", $"{fact.CorrelationId[..20]}AAAB{fact.Id[..4]}");
        json.WriteString("requestUri", fact.Step switch
        {
            SignInStep.SingleSignOn when IsLegacy(fact.App) => $"/app/office365/{fact.App.AppId}/sso/wsfed/active",
            SignInStep.SingleSignOn => $"/app/{fact.App.DisplayName.ToLowerInvariant().Replace(' ', '_').Replace(".", "", StringComparison.Ordinal)}/{fact.App.AppId}/sso/saml",
            SignInStep.MfaPushSent or SignInStep.MfaPushAnswered => "/idp/idx/authenticators/poll",
            SignInStep.SessionEnd => "/login/signout",
            _ => "/idp/idx/identify",
        });
        json.WriteString("threatSuspected", "false");
        if (fact.Step == SignInStep.MfaPushAnswered)
        {
            json.WriteString("factor", "OKTA_VERIFY_PUSH");
            json.WriteString("factorIntent", "LOGIN");
            json.WriteString("pushOnlyResponseType", fact.Status.IsSuccess ? "OV_RESPONSE_APPROVE" : "OV_RESPONSE_DENY");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteAuthenticationContext(Utf8JsonWriter json, SignInFact fact)
    {
        var legacy = fact.Step == SignInStep.SingleSignOn && IsLegacy(fact.App);
        json.WriteStartObject("authenticationContext");
        json.WriteStringOrNull("authenticationProvider", fact.Step is SignInStep.SignIn or SignInStep.MfaPushAnswered || legacy ? "OKTA_AUTHENTICATION_PROVIDER" : null);
        json.WriteNull("credentialProvider");
        json.WriteStringOrNull("credentialType", fact.Step switch
        {
            SignInStep.SignIn => "PASSWORD",
            SignInStep.MfaPushAnswered => "OKTA_VERIFY_PUSH",
            _ when legacy => "PASSWORD",
            _ => null,
        });
        json.WriteNull("issuer");

        // Basic authentication to Office 365 arrives over WS-Trust, on behalf of the mail client.
        json.WriteStringOrNull("interface", legacy ? "wsTrust" : null);
        json.WriteNumber("authenticationStep", 0);
        json.WriteString("externalSessionId", fact.SessionId);
        json.WriteEndObject();
    }

    private static void WriteTargets(Utf8JsonWriter json, SignInFact fact)
    {
        switch (fact.Step)
        {
            case SignInStep.SingleSignOn:
                json.WriteStartArray("target");
                WriteTarget(json, $"0ua{fact.App.AppId[3..]}", "AppUser", fact.User.UserPrincipalName, fact.User.DisplayName);
                WriteTarget(json, fact.App.AppId, "AppInstance", fact.App.DisplayName, fact.App.DisplayName);
                json.WriteEndArray();
                break;
            case SignInStep.MfaPushSent or SignInStep.MfaPushAnswered:
                json.WriteStartArray("target");
                WriteTarget(json, fact.User.IdentityId, "User", fact.User.UserPrincipalName, fact.User.DisplayName);
                WriteTarget(json, $"pfd{fact.User.IdentityId[3..]}", "AuthenticatorEnrollment", "unknown", "Okta Verify");
                json.WriteEndArray();
                break;
            default:
                json.WriteNull("target");
                break;
        }
    }

    private static void WriteTarget(Utf8JsonWriter json, string id, string type, string alternateId, string displayName)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", type);
        json.WriteString("alternateId", alternateId);
        json.WriteString("displayName", displayName);
        json.WriteNull("detailEntry");
        json.WriteEndObject();
    }

    private static bool IsLegacy(App app) => app.ClientAppUsed is not ("Browser" or "Mobile Apps and Desktop clients");

    private static string UserAgentOs(string operatingSystem) => operatingSystem switch
    {
        // A user agent cannot tell Windows 11 from 10; Okta reports both as Windows 10.
        "Windows 11" or "Windows 10" => "Windows 10",
        "macOS" => "Mac OS X",
        "iOS" => "iOS",
        "Android" => "Android",
        "Linux" => "Linux",
        _ => "Unknown",
    };

    private static string UserAgentBrowser(string browser) => browser.Split(' ')[0] switch
    {
        "Edge" => "EDGE_CHROMIUM",
        "Chrome" => "CHROME",
        "Safari" or "Mobile" => "SAFARI",
        "Firefox" => "FIREFOX",
        _ => "UNKNOWN",
    };

    private static string Domain(string organization) =>
        new string([.. organization.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16)]) + ".net";
}
