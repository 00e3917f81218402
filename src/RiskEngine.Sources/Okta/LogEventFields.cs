using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Okta;

/// <summary>
/// The fields of an Okta System Log <c>LogEvent</c> the engine uses, gathered as they stream past, and the
/// record they make. Types are checked for every LogEvent, scored or not, the way
/// <c>schemas/okta-log-event.schema.json</c> checks them.
/// </summary>
internal struct LogEventFields
{
    /// <summary>What Okta writes for an id or a session it could not resolve (no session yet, an unknown username).</summary>
    private const string Unknown = "unknown";

    private const string AppInstanceTarget = "AppInstance";

    /// <summary>Whether an eventType or a published property was present at all: what makes JSON a LogEvent.</summary>
    public bool SawLogEventProperty;

    public string? Uuid;
    public DateTimeOffset? Published;
    public string? EventType;
    public string? ActorId;
    public string? ActorType;
    public string? ActorAlternateId;
    public string? OutcomeResult;
    public string? OutcomeReason;
    public string? ExternalSessionId;
    public string? IpAddress;
    public string? RawUserAgent;
    public string? UserAgentOs;
    public string? Browser;
    public string? City;
    public string? Country;
    public double? Latitude;
    public double? Longitude;
    public int? AutonomousSystemNumber;
    public string? DeviceId;
    public string? DeviceName;
    public string? DeviceOsPlatform;
    public bool? DeviceManaged;
    public string? AppDisplayName;
    public string? PushResponse;

    public static string? ReadProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("uuid"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "uuid", out fields.Uuid);
        }

        if (reader.ValueTextEquals("published"u8))
        {
            fields.SawLogEventProperty = true;
            return OktaFieldReader.ReadTimestamp(ref reader, "published", out fields.Published);
        }

        if (reader.ValueTextEquals("eventType"u8))
        {
            fields.SawLogEventProperty = true;
            return JsonFieldReader.ReadString(ref reader, "eventType", out fields.EventType);
        }

        if (reader.ValueTextEquals("actor"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "actor", ref fields, ReadActorProperty);
        }

        if (reader.ValueTextEquals("outcome"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "outcome", ref fields, ReadOutcomeProperty);
        }

        if (reader.ValueTextEquals("client"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "client", ref fields, ReadClientProperty);
        }

        if (reader.ValueTextEquals("authenticationContext"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "authenticationContext", ref fields, ReadAuthenticationContextProperty);
        }

        if (reader.ValueTextEquals("securityContext"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "securityContext", ref fields, ReadSecurityContextProperty);
        }

        if (reader.ValueTextEquals("device"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "device", ref fields, ReadDeviceProperty);
        }

        if (reader.ValueTextEquals("target"u8))
        {
            return ReadTargets(ref reader, ref fields);
        }

        if (reader.ValueTextEquals("debugContext"u8))
        {
            ReadDebugContext(ref reader, ref fields);
            return null;
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    /// <summary>
    /// The record these fields make: rejected with the first thing wrong, skipped when the event type is not
    /// scored, otherwise the canonical event. <paramref name="fieldError"/> is the first type error met while reading.
    /// </summary>
    public readonly DecodedRecord ToRecord(string? fieldError, int recordIndex, Range raw)
    {
        var (code, rejection) = Rejection(fieldError);
        if (rejection is not null)
        {
            return DecodedRecord.Rejected(code, rejection, recordIndex, raw);
        }

        if (OktaEventTypes.KindOf(EventType!) is not { } kind)
        {
            return DecodedRecord.Skipped("okta:" + EventType, recordIndex, raw);
        }

        if (ActorId == Unknown)
        {
            return DecodedRecord.Rejected(
                RejectionCode.MissingIdentity,
                "actor.id is \"unknown\": Okta did not resolve the user (an unknown username, say), so the event names no identity to score",
                recordIndex,
                raw);
        }

        if (OutcomeResult is null && !OktaEventTypes.IsPushDenial(EventType!))
        {
            return DecodedRecord.Rejected(RejectionCode.MissingField, "no outcome.result: cannot tell success from failure", recordIndex, raw);
        }

        var (succeeded, failureReason) = OktaOutcome.Judge(EventType!, OutcomeResult, OutcomeReason, PushResponse);
        var identityEvent = new IdentityEvent
        {
            EventId = Uuid!,
            Timestamp = Published!.Value,
            Source = EventSource.Okta,
            Kind = kind,
            IdentityId = ActorId!,

            // Okta's actor types: User for people; SystemPrincipal, PublicClientApp, Client... for the rest.
            PrincipalType = ActorType is null or "User" ? PrincipalType.User : PrincipalType.Workload,
            UserPrincipalName = ActorAlternateId,
            SessionId = ExternalSessionId,
            Succeeded = succeeded,
            FailureReason = succeeded ? null : failureReason,
            Interactive = true,
            IpAddress = IpAddress,
            AutonomousSystemNumber = AutonomousSystemNumber,
            Coordinates = Latitude is { } lat && Longitude is { } lon ? new GeoCoordinates(lat, lon) : null,
            City = City,
            CountryOrRegion = Country,
            DeviceId = DeviceId,
            DeviceName = DeviceName,
            OperatingSystem = DeviceOsPlatform ?? UserAgentOs,
            Browser = Browser,
            UserAgent = RawUserAgent,
            AppDisplayName = AppDisplayName,
            MfaSatisfied = OktaOutcome.MfaSatisfied(EventType!, succeeded),
            DeviceManaged = DeviceManaged,
        };
        return DecodedRecord.Accepted(identityEvent, recordIndex, raw);
    }

    private readonly (RejectionCode Code, string? Reason) Rejection(string? fieldError)
    {
        if (!SawLogEventProperty)
        {
            return (RejectionCode.WrongShape, "no eventType/published: not an Okta LogEvent");
        }

        if (EventType == OktaEventTypes.EventHook)
        {
            return (RejectionCode.WrongShape, "an event hook delivery, not a LogEvent: a delivery is decoded only as a whole message");
        }

        if (fieldError is not null)
        {
            return (RejectionCode.InvalidField, fieldError);
        }

        return (Uuid, Published, EventType, ActorId) switch
        {
            (null, _, _, _) => (RejectionCode.MissingField, "no uuid: a LogEvent needs its id, which names it in the SETs it causes"),
            (_, null, _, _) => (RejectionCode.MissingField, "no published: the LogEvent has no event time"),
            (_, _, null, _) => (RejectionCode.MissingField, "no eventType: cannot tell what the LogEvent records"),
            (_, _, _, null) => (RejectionCode.MissingIdentity, "no actor.id: the LogEvent names no identity to score"),
            _ => (RejectionCode.InvalidField, CoordinatesRejection()),
        };
    }

    private readonly string? CoordinatesRejection()
    {
        if (Latitude.HasValue != Longitude.HasValue)
        {
            return "client.geographicalContext.geolocation has a lat or a lon but not both";
        }

        return Latitude is { } lat && Longitude is { } lon && !GeoCoordinates.IsValid(lat, lon)
            ? string.Create(CultureInfo.InvariantCulture, $"client.geographicalContext.geolocation ({lat}, {lon}) out of range: lat must be within ±90, lon within ±180")
            : null;
    }

    private static string? ReadActorProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "id", out fields.ActorId);
        }

        if (reader.ValueTextEquals("type"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "type", out fields.ActorType);
        }

        if (reader.ValueTextEquals("alternateId"u8))
        {
            var error = JsonFieldReader.ReadString(ref reader, "alternateId", out var alternateId);
            fields.ActorAlternateId = alternateId == Unknown ? null : alternateId;
            return error;
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadOutcomeProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("result"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "result", out fields.OutcomeResult);
        }

        if (reader.ValueTextEquals("reason"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "reason", out fields.OutcomeReason);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadAuthenticationContextProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("externalSessionId"u8))
        {
            // "unknown" before Okta has issued a session (a failed sign-in): no session to name.
            var error = JsonFieldReader.ReadString(ref reader, "externalSessionId", out var sessionId);
            fields.ExternalSessionId = sessionId == Unknown ? null : sessionId;
            return error;
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadClientProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("ipAddress"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "ipAddress", out fields.IpAddress);
        }

        if (reader.ValueTextEquals("userAgent"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "userAgent", ref fields, ReadUserAgentProperty);
        }

        if (reader.ValueTextEquals("geographicalContext"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "geographicalContext", ref fields, ReadGeographicalContextProperty);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadUserAgentProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("rawUserAgent"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "rawUserAgent", out fields.RawUserAgent);
        }

        // Okta writes "Unknown" / "UNKNOWN" when it cannot parse the user agent: that names no OS or browser.
        if (reader.ValueTextEquals("os"u8))
        {
            var error = JsonFieldReader.ReadString(ref reader, "os", out var os);
            fields.UserAgentOs = IsUnknown(os) ? null : os;
            return error;
        }

        if (reader.ValueTextEquals("browser"u8))
        {
            var error = JsonFieldReader.ReadString(ref reader, "browser", out var browser);
            fields.Browser = IsUnknown(browser) ? null : browser;
            return error;
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadGeographicalContextProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("city"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "city", out fields.City);
        }

        if (reader.ValueTextEquals("country"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "country", out fields.Country);
        }

        if (reader.ValueTextEquals("geolocation"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "geolocation", ref fields, ReadGeolocationProperty);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadGeolocationProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("lat"u8))
        {
            return JsonFieldReader.ReadDouble(ref reader, "lat", out fields.Latitude);
        }

        if (reader.ValueTextEquals("lon"u8))
        {
            return JsonFieldReader.ReadDouble(ref reader, "lon", out fields.Longitude);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadSecurityContextProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("asNumber"u8))
        {
            return OktaFieldReader.ReadAutonomousSystemNumber(ref reader, "asNumber", out fields.AutonomousSystemNumber);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadDeviceProperty(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "id", out fields.DeviceId);
        }

        if (reader.ValueTextEquals("name"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "name", out fields.DeviceName);
        }

        if (reader.ValueTextEquals("os_platform"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "os_platform", out fields.DeviceOsPlatform);
        }

        if (reader.ValueTextEquals("managed"u8))
        {
            return JsonFieldReader.ReadBoolean(ref reader, "managed", out fields.DeviceManaged);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    /// <summary>Reads <c>target</c>, an array of objects, keeping the displayName of the first AppInstance.</summary>
    private static string? ReadTargets(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"target: expected an array, found {OktaFieldReader.DescribeAndSkip(ref reader)}";
        }

        string? error = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = OktaFieldReader.DescribeAndSkip(ref reader);
                error ??= $"target[{index}]: expected an object, found {found}";
                index++;
                continue;
            }

            string? type = null;
            string? displayName = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string? propertyError;
                if (reader.ValueTextEquals("type"u8))
                {
                    propertyError = JsonFieldReader.ReadString(ref reader, "type", out type);
                }
                else if (reader.ValueTextEquals("displayName"u8))
                {
                    propertyError = JsonFieldReader.ReadString(ref reader, "displayName", out displayName);
                }
                else
                {
                    JsonFieldReader.SkipValue(ref reader);
                    propertyError = null;
                }

                error ??= propertyError is null ? null : $"target[{index}].{propertyError}";
            }

            if (type == AppInstanceTarget)
            {
                fields.AppDisplayName ??= displayName;
            }

            index++;
        }

        return error;
    }

    /// <summary>
    /// Reads <c>debugContext.debugData.pushOnlyResponseType</c>, how the user answered an Okta Verify push.
    /// Okta documents debugData as a debugging aid, not a contract, so nothing in it ever rejects an event:
    /// a debugContext of an unexpected shape is skipped, and so is a value that is not a string.
    /// </summary>
    private static void ReadDebugContext(ref Utf8JsonReader reader, ref LogEventFields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDebugData = reader.ValueTextEquals("debugData"u8);
            reader.Read();
            if (!isDebugData || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPushResponse = reader.ValueTextEquals("pushOnlyResponseType"u8);
                reader.Read();
                if (isPushResponse && reader.TokenType == JsonTokenType.String)
                {
                    fields.PushResponse = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private static bool IsUnknown(string? value) => string.Equals(value, Unknown, StringComparison.OrdinalIgnoreCase);
}
