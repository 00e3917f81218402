using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Events;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Entra;

/// <summary>The camelCase fields of a Graph <c>signIn</c> the engine uses, gathered as they stream past.</summary>
internal struct SignInFields
{
    public string? Id;
    public DateTimeOffset? CreatedDateTime;
    public string? UserId;
    public string? UserPrincipalName;
    public string? ServicePrincipalId;
    public string? TenantId;
    public string? SessionId;
    public string? IpAddress;
    public string? AppDisplayName;
    public string? DeviceId;
    public string? DeviceName;
    public string? OperatingSystem;
    public string? Browser;
    public string? City;
    public string? CountryOrRegion;
    public double? Latitude;
    public double? Longitude;
    public int? ErrorCode;
    public string? FailureReason;

    public readonly bool LooksLikeSignIn => Id is not null || CreatedDateTime is not null || UserId is not null;

    public static string? ReadProperty(ref Utf8JsonReader reader, ref SignInFields fields)
    {
        if (reader.ValueTextEquals("id"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "id", out fields.Id);
        }

        if (reader.ValueTextEquals("createdDateTime"u8))
        {
            return JsonFieldReader.ReadTimestamp(ref reader, "createdDateTime", out fields.CreatedDateTime);
        }

        if (reader.ValueTextEquals("userId"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "userId", out fields.UserId);
        }

        if (reader.ValueTextEquals("userPrincipalName"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "userPrincipalName", out fields.UserPrincipalName);
        }

        if (reader.ValueTextEquals("servicePrincipalId"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "servicePrincipalId", out fields.ServicePrincipalId);
        }

        if (reader.ValueTextEquals("sessionId"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "sessionId", out fields.SessionId);
        }

        if (reader.ValueTextEquals("ipAddress"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "ipAddress", out fields.IpAddress);
        }

        if (reader.ValueTextEquals("appDisplayName"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "appDisplayName", out fields.AppDisplayName);
        }

        if (reader.ValueTextEquals("tenantId"u8) || reader.ValueTextEquals("homeTenantId"u8))
        {
            var error = JsonFieldReader.ReadString(ref reader, "tenantId", out var tenant);
            fields.TenantId ??= tenant;
            return error;
        }

        if (reader.ValueTextEquals("deviceDetail"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "deviceDetail", ref fields, ReadDeviceProperty);
        }

        if (reader.ValueTextEquals("location"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "location", ref fields, ReadLocationProperty);
        }

        if (reader.ValueTextEquals("status"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "status", ref fields, ReadStatusProperty);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    /// <summary>Fills what the signIn properties left out from the record around them.</summary>
    public void ApplyEnvelope(in RecordFields record)
    {
        CreatedDateTime ??= record.Time;
        TenantId ??= record.TenantId;
        IpAddress ??= record.CallerIpAddress;
        if (ErrorCode is null && record.ResultType is { } resultType &&
            int.TryParse(resultType, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            ErrorCode = code;
            FailureReason ??= record.ResultDescription;
        }
    }

    public readonly DecodedRecord ToSignInEvent(int recordIndex, Range raw)
    {
        var identity = UserId ?? ServicePrincipalId ?? UserPrincipalName;
        var (code, rejection) = (identity, Id, CreatedDateTime, ErrorCode) switch
        {
            (null, _, _, _) => (RejectionCode.MissingIdentity, "no userId, servicePrincipalId or userPrincipalName: the sign-in names no identity to score"),
            (_, null, _, _) => (RejectionCode.MissingField, "no id: a sign-in needs its provider id, which names it in the SETs it causes"),
            (_, _, null, _) => (RejectionCode.MissingField, "no createdDateTime (or record time): the sign-in has no event time"),
            (_, _, _, null) => (RejectionCode.MissingField, "no status.errorCode (or record resultType): cannot tell success from failure"),
            _ => (RejectionCode.InvalidField, CoordinatesRejection()),
        };
        if (rejection is not null)
        {
            return DecodedRecord.Rejected(code, rejection, recordIndex, raw);
        }

        var signIn = new IdentityEvent
        {
            EventId = Id!,
            Timestamp = CreatedDateTime!.Value,
            IdentityId = identity!,
            UserPrincipalName = UserPrincipalName,
            TenantId = TenantId,
            SessionId = SessionId,
            Succeeded = ErrorCode == 0,
            ErrorCode = ErrorCode!.Value,
            FailureReason = FailureReason,
            IpAddress = IpAddress,
            Coordinates = Latitude is { } lat && Longitude is { } lon ? new GeoCoordinates(lat, lon) : null,
            City = City,
            CountryOrRegion = CountryOrRegion,
            DeviceId = DeviceId,
            DeviceName = DeviceName,
            OperatingSystem = OperatingSystem,
            Browser = Browser,
            AppDisplayName = AppDisplayName,
        };
        return DecodedRecord.Accepted(signIn, recordIndex, raw);
    }

    private readonly string? CoordinatesRejection()
    {
        if (Latitude.HasValue != Longitude.HasValue)
        {
            return "location.geoCoordinates has a latitude or a longitude but not both";
        }

        return Latitude is { } lat && Longitude is { } lon && !GeoCoordinates.IsValid(lat, lon)
            ? string.Create(CultureInfo.InvariantCulture, $"location.geoCoordinates ({lat}, {lon}) out of range: latitude must be within ±90, longitude within ±180")
            : null;
    }

    private static string? ReadDeviceProperty(ref Utf8JsonReader reader, ref SignInFields fields)
    {
        if (reader.ValueTextEquals("deviceId"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "deviceId", out fields.DeviceId);
        }

        if (reader.ValueTextEquals("displayName"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "displayName", out fields.DeviceName);
        }

        if (reader.ValueTextEquals("operatingSystem"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "operatingSystem", out fields.OperatingSystem);
        }

        if (reader.ValueTextEquals("browser"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "browser", out fields.Browser);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadLocationProperty(ref Utf8JsonReader reader, ref SignInFields fields)
    {
        if (reader.ValueTextEquals("city"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "city", out fields.City);
        }

        if (reader.ValueTextEquals("countryOrRegion"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "countryOrRegion", out fields.CountryOrRegion);
        }

        if (reader.ValueTextEquals("geoCoordinates"u8))
        {
            return JsonFieldReader.ReadObject(ref reader, "geoCoordinates", ref fields, ReadCoordinatesProperty);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadCoordinatesProperty(ref Utf8JsonReader reader, ref SignInFields fields)
    {
        if (reader.ValueTextEquals("latitude"u8))
        {
            return JsonFieldReader.ReadDouble(ref reader, "latitude", out fields.Latitude);
        }

        if (reader.ValueTextEquals("longitude"u8))
        {
            return JsonFieldReader.ReadDouble(ref reader, "longitude", out fields.Longitude);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }

    private static string? ReadStatusProperty(ref Utf8JsonReader reader, ref SignInFields fields)
    {
        if (reader.ValueTextEquals("errorCode"u8))
        {
            return JsonFieldReader.ReadInt32(ref reader, "errorCode", out fields.ErrorCode);
        }

        if (reader.ValueTextEquals("failureReason"u8))
        {
            return JsonFieldReader.ReadString(ref reader, "failureReason", out fields.FailureReason);
        }

        JsonFieldReader.SkipValue(ref reader);
        return null;
    }
}
