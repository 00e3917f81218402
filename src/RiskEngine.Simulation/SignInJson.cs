using System.Globalization;
using System.Text.Json;

namespace RiskEngine.Simulation;

/// <summary>Writes sign-ins as Microsoft Graph <c>signIn</c> objects and Azure Monitor diagnostic records.</summary>
internal static class SignInJson
{
    private const string PushMethod = "Mobile app notification";

    public static byte[] WriteSignIn(SignInFact fact)
    {
        if (fact.Step != SignInStep.SignIn)
        {
            throw new ArgumentException($"Entra logs a sign-in as one signIn; {fact.Step} is a step only Okta logs on its own.", nameof(fact));
        }

        return SimulationJson.Write(json => WriteSignIn(json, fact), 3072);
    }

    /// <param name="batch">Each sign-in's id and Graph signIn payload.</param>
    public static byte[] WriteEnvelope(IReadOnlyList<(string EventId, byte[] Payload)> batch, string tenantId) =>
        SimulationJson.WriteObject(
            json =>
            {
                json.WriteStartArray("records");
                foreach (var (eventId, payload) in batch)
                {
                    try
                    {
                        using var document = JsonDocument.Parse(payload);
                        WriteRecord(json, document.RootElement, tenantId);
                    }
                    catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                    {
                        throw new ArgumentException($"The payload of sign-in {eventId} is not a Graph signIn object: {e.Message}", nameof(batch), e);
                    }
                }

                json.WriteEndArray();
            },
            3584 * Math.Max(1, batch.Count));

    private static void WriteSignIn(Utf8JsonWriter json, SignInFact fact)
    {
        var success = fact.Status.IsSuccess;
        json.WriteStartObject();
        json.WriteString("id", fact.Id);
        json.WriteString("createdDateTime", SimulationJson.FormatTime(fact.Time));
        json.WriteString("userId", fact.User.IdentityId);
        json.WriteString("userPrincipalName", fact.User.UserPrincipalName);
        json.WriteString("userDisplayName", fact.User.DisplayName);
        json.WriteString("appId", fact.App.AppId);
        json.WriteString("appDisplayName", fact.App.DisplayName);
        json.WriteString("resourceId", fact.App.ResourceId);
        json.WriteString("resourceDisplayName", fact.App.ResourceDisplayName);
        json.WriteString("ipAddress", fact.IpAddress);
        json.WriteNumber("autonomousSystemNumber", fact.City.Asn);
        json.WriteString("clientAppUsed", fact.App.ClientAppUsed);
        json.WriteString("userAgent", fact.Device.UserAgent);
        json.WriteBoolean("isInteractive", fact.Interactive);
        json.WriteString("correlationId", fact.CorrelationId);
        json.WriteString("sessionId", fact.SessionId);
        json.WriteString("uniqueTokenIdentifier", fact.TokenIdentifier);

        // Entra evaluates Conditional Access only once the first factor has passed.
        json.WriteString("conditionalAccessStatus", success && fact.MultiFactor ? "success" : "notApplied");
        json.WriteString("authenticationRequirement", fact.MultiFactor ? "multiFactorAuthentication" : "singleFactorAuthentication");
        json.WriteString("riskLevelDuringSignIn", "none");
        json.WriteString("riskLevelAggregated", "none");
        json.WriteString("riskState", "none");
        json.WriteString("riskDetail", "none");
        json.WriteStartArray("riskEventTypes_v2");
        json.WriteEndArray();
        json.WriteStartArray("signInEventTypes");
        json.WriteStringValue(fact.Interactive ? "interactiveUser" : "nonInteractiveUser");
        json.WriteEndArray();
        WriteAuthentication(json, fact);
        json.WriteStartArray("networkLocationDetails");
        if (fact.NamedNetwork is { } network)
        {
            json.WriteStartObject();
            json.WriteString("networkType", "trustedNamedLocation");
            json.WriteStartArray("networkNames");
            json.WriteStringValue(network);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("deviceDetail");
        json.WriteString("deviceId", fact.Device.DeviceId);
        json.WriteString("displayName", fact.Device.DisplayName);
        json.WriteString("operatingSystem", fact.Device.OperatingSystem);
        json.WriteString("browser", fact.Device.Browser);
        json.WriteBoolean("isCompliant", fact.Device.IsCompliant);
        json.WriteBoolean("isManaged", fact.Device.IsManaged);
        json.WriteString("trustType", fact.Device.TrustType);
        json.WriteEndObject();

        json.WriteStartObject("location");
        json.WriteString("city", fact.City.Name);
        json.WriteString("state", fact.City.State);
        json.WriteString("countryOrRegion", fact.City.CountryCode);
        json.WriteStartObject("geoCoordinates");
        json.WriteNull("altitude");
        json.WriteNumber("latitude", fact.City.Latitude);
        json.WriteNumber("longitude", fact.City.Longitude);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("status");
        json.WriteNumber("errorCode", fact.Status.ErrorCode);
        json.WriteString("failureReason", fact.Status.FailureReason);
        if (fact.Status.AdditionalDetails is { } details)
        {
            json.WriteString("additionalDetails", details);
        }
        else
        {
            json.WriteNull("additionalDetails");
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>mfaDetail</c> and <c>authenticationDetails</c>: the password step, then the Authenticator push when MFA was
    /// asked for in this sign-in, or the claim in the token that satisfied both earlier.
    /// </summary>
    private static void WriteAuthentication(Utf8JsonWriter json, SignInFact fact)
    {
        var pushed = fact.MultiFactor && !fact.MfaPreviouslySatisfied && !fact.Status.IsPasswordFailure && fact.Status != SignInStatus.MfaRequired;
        if (pushed)
        {
            json.WriteStartObject("mfaDetail");
            json.WriteString("authMethod", PushMethod);
            json.WriteNull("authDetail");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("mfaDetail");
        }

        json.WriteStartArray("authenticationDetails");
        if (fact.MfaPreviouslySatisfied)
        {
            WriteStep(json, fact.Time, "Previously satisfied", succeeded: true, "First factor requirement satisfied by claim in the token", "Primary authentication");
            WriteStep(json, fact.Time, "Previously satisfied", succeeded: true, "MFA requirement satisfied by claim in the token", "Multifactor authentication");
        }
        else
        {
            var password = !fact.Status.IsPasswordFailure;
            WriteStep(json, fact.Time, "Password", password, password ? "Correct password" : "Invalid username or password or Invalid on-premise username or password.", "Primary authentication");
            if (pushed)
            {
                WriteStep(json, fact.Time, PushMethod, fact.Status.IsSuccess, fact.Status.IsSuccess ? "MFA successfully completed" : fact.Status.AdditionalDetails!, "Multifactor authentication");
            }
        }

        json.WriteEndArray();
    }

    private static void WriteStep(Utf8JsonWriter json, DateTimeOffset time, string method, bool succeeded, string result, string requirement)
    {
        json.WriteStartObject();
        json.WriteString("authenticationStepDateTime", SimulationJson.FormatTime(time));
        json.WriteString("authenticationMethod", method);
        json.WriteBoolean("succeeded", succeeded);
        json.WriteString("authenticationStepResultDetail", result);
        json.WriteString("authenticationStepRequirement", requirement);
        json.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter json, JsonElement signIn, string tenantId)
    {
        var status = signIn.GetProperty("status");
        json.WriteStartObject();
        json.WriteString("time", signIn.GetProperty("createdDateTime").GetString());
        json.WriteString("resourceId", $"/tenants/{tenantId}/providers/Microsoft.aadiam");
        json.WriteString("operationName", "Sign-in activity");
        json.WriteString("operationVersion", "1.0");
        json.WriteString("category", "SignInLogs");
        json.WriteString("tenantId", tenantId);
        json.WriteString("resultType", status.GetProperty("errorCode").GetInt32().ToString(CultureInfo.InvariantCulture));
        json.WriteString("resultDescription", status.GetProperty("failureReason").GetString());

        // The real stream mostly carries 0 here for interactive sign-ins.
        json.WriteNumber("durationMs", 0);
        json.WriteString("callerIpAddress", signIn.GetProperty("ipAddress").GetString());
        json.WriteString("correlationId", signIn.GetProperty("correlationId").GetString());
        json.WriteString("identity", signIn.GetProperty("userDisplayName").GetString());
        json.WriteNumber("Level", 4);
        json.WriteString("location", signIn.GetProperty("location").GetProperty("countryOrRegion").GetString());
        json.WritePropertyName("properties");
        signIn.WriteTo(json);
        json.WriteEndObject();
    }

}
