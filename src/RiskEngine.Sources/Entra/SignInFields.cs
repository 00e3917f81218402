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
    public string? ServicePrincipalName;
    public string? TenantId;
    public string? HomeTenantId;
    public string? SessionId;
    public string? IpAddress;
    public int? AutonomousSystemNumber;
    public string? UserAgent;
    public string? AppDisplayName;
    public string? ResourceDisplayName;
    public string? RiskLevelDuringSignIn;
    public bool? IsInteractive;
    public SignInEventTypes EventTypes;
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
    public string? AuthenticationRequirement;
    public string? ClientAppUsed;
    public string? UniqueTokenIdentifier;
    public bool? IsCompliant;
    public bool? IsManaged;

    // One line per field read. The nested objects fill this same struct; their errors carry their path.
    private static readonly JsonPropertyTable<SignInFields> Status = new JsonPropertyTable<SignInFields>()
        .WholeNumber("errorCode", static (ref SignInFields f) => ref f.ErrorCode)
        .Text("failureReason", static (ref SignInFields f) => ref f.FailureReason, EntraStrings.Names);

    private static readonly JsonPropertyTable<SignInFields> Device = new JsonPropertyTable<SignInFields>()
        .Text("deviceId", static (ref SignInFields f) => ref f.DeviceId)
        .Text("displayName", static (ref SignInFields f) => ref f.DeviceName)
        .Text("operatingSystem", static (ref SignInFields f) => ref f.OperatingSystem, EntraStrings.Names)
        .Text("browser", static (ref SignInFields f) => ref f.Browser, EntraStrings.Names)
        .Boolean("isCompliant", static (ref SignInFields f) => ref f.IsCompliant)
        .Boolean("isManaged", static (ref SignInFields f) => ref f.IsManaged);

    private static readonly JsonPropertyTable<SignInFields> Coordinates = new JsonPropertyTable<SignInFields>()
        .Number("latitude", static (ref SignInFields f) => ref f.Latitude)
        .Number("longitude", static (ref SignInFields f) => ref f.Longitude);

    private static readonly JsonPropertyTable<SignInFields> Location = new JsonPropertyTable<SignInFields>()
        .Text("city", static (ref SignInFields f) => ref f.City, EntraStrings.Names)
        .Text("countryOrRegion", static (ref SignInFields f) => ref f.CountryOrRegion, EntraStrings.Names)
        .Nested("geoCoordinates", static (ref SignInFields f) => ref f, Coordinates);

    /// <summary>The properties of a signIn (a Graph object, or a diagnostic record's "properties").</summary>
    public static readonly JsonPropertyTable<SignInFields> Properties = new JsonPropertyTable<SignInFields>()
        .Text("id", static (ref SignInFields f) => ref f.Id)
        .Timestamp("createdDateTime", static (ref SignInFields f) => ref f.CreatedDateTime)
        .Text("userId", static (ref SignInFields f) => ref f.UserId)
        .Text("userPrincipalName", static (ref SignInFields f) => ref f.UserPrincipalName)
        .Text("servicePrincipalId", static (ref SignInFields f) => ref f.ServicePrincipalId)
        .Text("servicePrincipalName", static (ref SignInFields f) => ref f.ServicePrincipalName, EntraStrings.Names)
        .Text("tenantId", static (ref SignInFields f) => ref f.TenantId, EntraStrings.Names)
        .Text("homeTenantId", static (ref SignInFields f) => ref f.HomeTenantId, EntraStrings.Names)
        .Text("sessionId", static (ref SignInFields f) => ref f.SessionId)
        .Text("ipAddress", static (ref SignInFields f) => ref f.IpAddress)
        .WholeNumber("autonomousSystemNumber", static (ref SignInFields f) => ref f.AutonomousSystemNumber)
        .Text("userAgent", static (ref SignInFields f) => ref f.UserAgent, EntraStrings.UserAgents)
        .Text("appDisplayName", static (ref SignInFields f) => ref f.AppDisplayName, EntraStrings.Names)
        .Text("resourceDisplayName", static (ref SignInFields f) => ref f.ResourceDisplayName, EntraStrings.Names)
        .Text("riskLevelDuringSignIn", static (ref SignInFields f) => ref f.RiskLevelDuringSignIn, EntraStrings.Names)
        .Boolean("isInteractive", static (ref SignInFields f) => ref f.IsInteractive)
        .Text("authenticationRequirement", static (ref SignInFields f) => ref f.AuthenticationRequirement, EntraStrings.Names)
        .Text("clientAppUsed", static (ref SignInFields f) => ref f.ClientAppUsed, EntraStrings.Names)
        .Text("uniqueTokenIdentifier", static (ref SignInFields f) => ref f.UniqueTokenIdentifier)
        .Add("signInEventTypes", static (ref JsonCursor c, ref SignInFields f) => ReadEventTypes(ref c.Reader, out f.EventTypes), static (_, value, ref f) => TryReadNullEventTypes(value, ref f), TryReadEventTypes)
        .Nested("deviceDetail", static (ref SignInFields f) => ref f, Device)
        .Nested("location", static (ref SignInFields f) => ref f, Location)
        .Nested("status", static (ref SignInFields f) => ref f, Status);

    public readonly bool LooksLikeSignIn => Id is not null || CreatedDateTime is not null || UserId is not null;

    /// <summary>Fills what the signIn properties left out from the record around them.</summary>
    public void ApplyEnvelope(in RecordFields record, ReadOnlySpan<byte> message)
    {
        CreatedDateTime ??= record.Time;
        TenantId ??= HomeTenantId ?? record.TenantId;
        if (IpAddress is null && record.CallerIpAddress.HasValue)
        {
            IpAddress = record.CallerIpAddress.ToString(message);
        }

        if (ErrorCode is null && record.ResultType is { } code)
        {
            ErrorCode = code;
            FailureReason ??= record.ResultDescription.ToString(message, EntraStrings.Names);
        }
    }

    /// <summary>
    /// The event, or why there cannot be one. <paramref name="category"/> says who signed in for a diagnostic record;
    /// for a Graph signIn (<see cref="EntraCategory.Absent"/>) its signInEventTypes, isInteractive and ids do.
    /// </summary>
    public readonly DecodedRecord ToIdentityEvent(EntraCategory category, int recordIndex, Range raw)
    {
        var (principal, interactive) = category switch
        {
            EntraCategory.SignInLogs => (PrincipalType.User, true),
            EntraCategory.NonInteractiveUserSignInLogs => (PrincipalType.User, false),
            EntraCategory.ServicePrincipalSignInLogs or EntraCategory.ManagedIdentitySignInLogs => (PrincipalType.Workload, false),
            _ => ClassifyGraphSignIn(),
        };
        var identity = principal == PrincipalType.Workload ? ServicePrincipalId : UserId ?? UserPrincipalName;
        var (code, rejection) = (identity, Id, CreatedDateTime, ErrorCode) switch
        {
            (null, _, _, _) => (RejectionCode.MissingIdentity, MissingIdentity(principal)),
            (_, null, _, _) => (RejectionCode.MissingField, "no id: a sign-in needs its provider id, which names it in the SETs it causes"),
            (_, _, null, _) => (RejectionCode.MissingField, "no createdDateTime (or record time): the sign-in has no event time"),
            (_, _, _, null) => (RejectionCode.MissingField, "no status.errorCode (or record resultType): cannot tell success from failure"),
            _ => (RejectionCode.InvalidField, CoordinatesRejection()),
        };
        if (rejection is not null)
        {
            return DecodedRecord.Rejected(code, rejection, recordIndex, raw);
        }

        var workload = principal == PrincipalType.Workload;
        var signIn = new IdentityEvent
        {
            EventId = Id!,
            Timestamp = CreatedDateTime!.Value,
            Source = EventSource.EntraId,
            Kind = EventKind.SignIn,
            IdentityId = identity!,
            PrincipalType = principal,
            UserPrincipalName = workload ? null : UserPrincipalName,
            TenantId = TenantId ?? HomeTenantId,
            SessionId = SessionId,
            Succeeded = ErrorCode == 0,
            ErrorCode = ErrorCode!.Value,
            FailureReason = FailureReason,
            Interactive = interactive,
            IpAddress = IpAddress,
            AutonomousSystemNumber = AutonomousSystemNumber,
            Coordinates = Latitude is { } lat && Longitude is { } lon ? new GeoCoordinates(lat, lon) : null,
            City = City,
            CountryOrRegion = CountryOrRegion,
            DeviceId = DeviceId,
            DeviceName = DeviceName,
            OperatingSystem = OperatingSystem,
            Browser = Browser,
            UserAgent = UserAgent,
            MfaSatisfied = EntraAuthentication.MfaSatisfied(ErrorCode!.Value, AuthenticationRequirement),
            LegacyAuthentication = EntraAuthentication.IsLegacy(ClientAppUsed),
            DeviceCompliant = IsCompliant,
            DeviceManaged = IsManaged,
            TokenId = UniqueTokenIdentifier,

            // A service principal is the application signing in as itself; its sign-in logs name it by
            // servicePrincipalName and often carry no appDisplayName at all.
            AppDisplayName = workload ? AppDisplayName ?? ServicePrincipalName : AppDisplayName,
            Resource = ResourceDisplayName,
            ProviderRiskLevel = RiskLevelDuringSignIn,
        };
        return DecodedRecord.Accepted(signIn, recordIndex, raw);
    }

    /// <summary>
    /// Who signed in, for a Graph signIn: its signInEventTypes when it has them, else a servicePrincipalId with no
    /// user beside it means a workload, else a user, interactive unless isInteractive says otherwise.
    /// </summary>
    private readonly (PrincipalType Principal, bool Interactive) ClassifyGraphSignIn()
    {
        if ((EventTypes & (SignInEventTypes.ServicePrincipal | SignInEventTypes.ManagedIdentity)) != 0)
        {
            return (PrincipalType.Workload, false);
        }

        if ((EventTypes & SignInEventTypes.InteractiveUser) != 0)
        {
            return (PrincipalType.User, true);
        }

        if ((EventTypes & SignInEventTypes.NonInteractiveUser) != 0)
        {
            return (PrincipalType.User, false);
        }

        return UserId is null && UserPrincipalName is null && ServicePrincipalId is not null
            ? (PrincipalType.Workload, false)
            : (PrincipalType.User, IsInteractive ?? true);
    }

    private readonly string MissingIdentity(PrincipalType principal) => (principal, ServicePrincipalId) switch
    {
        (PrincipalType.Workload, _) => "no servicePrincipalId: the service-principal sign-in names no identity to score",
        (_, null) => "no userId, servicePrincipalId or userPrincipalName: the sign-in names no identity to score",
        _ => "no userId or userPrincipalName: a user's sign-in is not scored under its servicePrincipalId",
    };

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

    /// <summary>signInEventTypes: an array of strings (or null), of which four values are known.</summary>
    private static string? ReadEventTypes(ref Utf8JsonReader reader, out SignInEventTypes types)
    {
        types = SignInEventTypes.None;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"signInEventTypes: expected an array of strings, found {JsonFieldReader.DescribeAndSkip(ref reader)}";
        }

        string? error = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                error ??= $"signInEventTypes: expected an array of strings, found {JsonFieldReader.DescribeAndSkip(ref reader)} in it";
                continue;
            }

            types |= reader.ValueIsEscaped
                ? ClassifyEventType(System.Text.Encoding.UTF8.GetBytes(JsonFieldReader.TryGetString(ref reader) ?? ""))
                : ClassifyEventType(reader.ValueSpan);
        }

        return error;
    }

    private static bool TryReadNullEventTypes(RawValue value, ref SignInFields fields)
    {
        fields.EventTypes = SignInEventTypes.None;
        return value.Type == JsonTokenType.Null;
    }

    /// <summary><see cref="ReadEventTypes"/> from the bytes, for an array of plain strings.</summary>
    private static int TryReadEventTypes(ReadOnlySpan<byte> input, int start, int maxNesting, ref SignInFields fields)
    {
        if (input[start] != (byte)'[')
        {
            return -1;
        }

        var types = SignInEventTypes.None;
        var i = JsonSkipper.SkipWhiteSpace(input, start + 1);
        if ((uint)i < (uint)input.Length && input[i] == (byte)']')
        {
            fields.EventTypes = types;
            return i + 1;
        }

        while ((uint)i < (uint)input.Length && input[i] == (byte)'"')
        {
            var end = JsonSkipper.IndexOfStringSpecial(input, i + 1);
            if (end < 0 || input[end] != (byte)'"')
            {
                return -1;
            }

            types |= ClassifyEventType(input[(i + 1)..end]);
            i = JsonSkipper.SkipWhiteSpace(input, end + 1);
            if ((uint)i >= (uint)input.Length)
            {
                return -1;
            }

            if (input[i] == (byte)']')
            {
                fields.EventTypes = types;
                return i + 1;
            }

            if (input[i] != (byte)',')
            {
                return -1;
            }

            i = JsonSkipper.SkipWhiteSpace(input, i + 1);
        }

        return -1;
    }

    private static SignInEventTypes ClassifyEventType(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("interactiveUser"u8) ? SignInEventTypes.InteractiveUser
        : type.SequenceEqual("nonInteractiveUser"u8) ? SignInEventTypes.NonInteractiveUser
        : type.SequenceEqual("servicePrincipal"u8) ? SignInEventTypes.ServicePrincipal
        : type.SequenceEqual("managedIdentity"u8) ? SignInEventTypes.ManagedIdentity
        : SignInEventTypes.Other;
}

/// <summary>The values of a Graph signIn's signInEventTypes.</summary>
[Flags]
internal enum SignInEventTypes : byte
{
    None = 0,
    InteractiveUser = 1,
    NonInteractiveUser = 2,
    ServicePrincipal = 4,
    ManagedIdentity = 8,
    Other = 16,
}
