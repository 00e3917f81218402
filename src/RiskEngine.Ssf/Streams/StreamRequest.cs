using System.Text.Json;
using RiskEngine.Ssf.Http;
using static RiskEngine.Ssf.Http.JsonMembers;

namespace RiskEngine.Ssf.Streams;

/// <summary>
/// The members of a stream configuration as a receiver sent them (create, update, replace) or as the store keeps
/// them. Absent members are null; <see cref="HasDescription"/> and <see cref="HasAuthorizationHeader"/> tell an
/// absent member from an explicit null. Every member is type-checked; unknown members are refused.
/// </summary>
public sealed record StreamRequest
{
    private static readonly HashSet<string> IgnoredTransmitterMembers =
        ["events_supported", "events_delivered", "min_verification_interval", "inactivity_timeout"];

    public string? StreamId { get; init; }

    public IReadOnlyList<string>? Audiences { get; init; }

    public IReadOnlyList<string>? EventsRequested { get; init; }

    public string? DeliveryMethod { get; init; }

    public string? EndpointUrl { get; init; }

    public string? AuthorizationHeader { get; init; }

    public bool HasAuthorizationHeader { get; init; }

    public string? Description { get; init; }

    public bool HasDescription { get; init; }

    public bool HasDelivery => DeliveryMethod is not null;

    /// <summary>Reads and type-checks a stream configuration; an <c>iss</c>, when present, must be <paramref name="issuer"/> (null: the stored form, which has none).</summary>
    /// <exception cref="SsfRequestException">A member of the wrong type, an unknown member or a wrong issuer.</exception>
    public static StreamRequest Read(JsonElement body, string? issuer)
    {
        var request = new StreamRequest();
        foreach (var member in Of(body, "a stream configuration"))
        {
            request = member.Name switch
            {
                "stream_id" => request with { StreamId = NonEmptyString(member.Value, "stream_id") },
                "aud" => request with { Audiences = Audience(member.Value) },
                "events_requested" => request with { EventsRequested = UriArray(member.Value, "events_requested") },
                "delivery" => ReadDelivery(request, member.Value),
                "description" => request with { Description = NullableString(member.Value, "description"), HasDescription = true },
                "iss" => NonEmptyString(member.Value, "iss") == issuer
                    ? request
                    : throw new SsfRequestException($"'iss' is '{member.Value.GetString()}', but this transmitter's issuer is '{issuer}'"),
                _ when IgnoredTransmitterMembers.Contains(member.Name) => request,
                _ => throw new SsfRequestException($"unknown stream configuration member '{member.Name}'"),
            };
        }

        return request;
    }

    private static StreamRequest ReadDelivery(StreamRequest request, JsonElement delivery)
    {
        string? method = null;
        string? endpoint = null;
        foreach (var member in Of(delivery, "'delivery'", "method", "endpoint_url", "authorization_header"))
        {
            switch (member.Name)
            {
                case "method":
                    method = NonEmptyString(member.Value, "delivery.method");
                    break;
                case "endpoint_url":
                    endpoint = NonEmptyString(member.Value, "delivery.endpoint_url");
                    break;
                default:
                    request = request with { AuthorizationHeader = NullableString(member.Value, "delivery.authorization_header"), HasAuthorizationHeader = true };
                    break;
            }
        }

        if (method is null)
        {
            throw new SsfRequestException("'delivery.method' is required");
        }

        if (!DeliveryMethods.Supported.Contains(method))
        {
            throw new SsfRequestException($"delivery method '{method}' is not supported; use {string.Join(" or ", DeliveryMethods.Supported)}");
        }

        return request with { DeliveryMethod = method, EndpointUrl = endpoint };
    }

    private static List<string> Audience(JsonElement value)
    {
        List<string> audiences = value.ValueKind switch
        {
            JsonValueKind.String => [NonEmptyString(value, "aud")],
            JsonValueKind.Array when value.GetArrayLength() > 0 => [.. StringArray(value, "aud")],
            _ => throw new SsfRequestException($"'aud' must be a string or a non-empty array of strings, not {Describe(value)}"),
        };

        // RFC 7519's StringOrURI: a value with a colon must be a URI; the SETs of the stream carry it verbatim.
        foreach (var audience in audiences)
        {
            if (audience.Trim() != audience || (audience.Contains(':', StringComparison.Ordinal) && !Uri.TryCreate(audience, UriKind.Absolute, out _)))
            {
                throw new SsfRequestException($"'aud' holds '{audience}', which is neither a plain string nor an absolute URI");
            }
        }

        return audiences;
    }

    private static List<string> UriArray(JsonElement value, string name)
    {
        return [.. StringArray(value, name).Select(text =>
            Uri.TryCreate(text, UriKind.Absolute, out _) ? text : throw new SsfRequestException($"'{name}' holds '{text}', which is not an absolute URI"))];
    }
}
