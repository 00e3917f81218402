using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RiskEngine.Simulation;

/// <summary>Writes sign-ins as Microsoft Graph <c>signIn</c> objects and Azure Monitor diagnostic records.</summary>
internal static class SignInJson
{
    // The payloads are read as JSON, never embedded in HTML, so city names and apostrophes can stay as written.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] WriteSignIn(SignInFact fact)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteSignIn(json, fact);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] WriteEnvelope(IReadOnlyList<SimulatedSignIn> batch, string tenantId)
    {
        var buffer = new ArrayBufferWriter<byte>(2560 * Math.Max(1, batch.Count));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var signIn in batch)
            {
                try
                {
                    using var document = JsonDocument.Parse(signIn.Payload);
                    WriteRecord(json, document.RootElement, tenantId);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new ArgumentException($"The payload of sign-in {signIn.EventId} is not a Graph signIn object: {e.Message}", nameof(batch), e);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSignIn(Utf8JsonWriter json, SignInFact fact)
    {
        var success = fact.Status.IsSuccess;
        json.WriteStartObject();
        json.WriteString("id", fact.Id);
        json.WriteString("createdDateTime", FormatTime(fact.Time));
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
        json.WriteBoolean("isInteractive", true);
        json.WriteString("correlationId", fact.CorrelationId);
        json.WriteString("sessionId", fact.SessionId);

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
        json.WriteStringValue("interactiveUser");
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

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture);
}
