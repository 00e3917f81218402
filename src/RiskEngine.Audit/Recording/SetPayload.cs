using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Audit.Recording;

/// <summary>
/// What the audit reads from a SET's own claims, unverified (the SET topic is the engine's own): enough to record a
/// SET that came without the audit headers. Every member is null when the SET does not carry it.
/// </summary>
internal sealed record SetPayload(string? Jti, string? Txn, string? SubjectJson, string? EventType, DateTimeOffset? EventTime, string? Reason)
{
    /// <summary>Reads the claims of a compact SET; null, with the reason, for anything that is not one.</summary>
    public static SetPayload? TryRead(ReadOnlySpan<byte> value, out string? error)
    {
        var token = Encoding.UTF8.GetString(value);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = $"not a compact JWS: {parts.Length} parts instead of 3";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                error = "the claims are not a JSON object";
                return null;
            }

            JsonProperty? setEvent = claims.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Object
                ? events.EnumerateObject().FirstOrDefault()
                : null;
            var claimsOfEvent = setEvent is { Value.ValueKind: JsonValueKind.Object } found ? found.Value : default;
            error = null;
            return new SetPayload(
                StringMember(claims, "jti"),
                StringMember(claims, "txn"),
                claims.TryGetProperty("sub_id", out var subject) ? subject.GetRawText() : null,
                setEvent is { Name.Length: > 0 } named ? named.Name : null,
                claimsOfEvent.ValueKind == JsonValueKind.Object
                    && claimsOfEvent.TryGetProperty("event_timestamp", out var timestamp)
                    && timestamp.TryGetInt64(out var seconds)
                    && seconds is >= 0 and <= 253_402_300_799
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
                claimsOfEvent.ValueKind == JsonValueKind.Object && claimsOfEvent.TryGetProperty("reason_admin", out var reason)
                    ? StringMember(reason, "en")
                    : null);
        }
        catch (FormatException ex)
        {
            error = $"the payload is not base64url: {ex.Message}";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"the payload is not JSON: {ex.Message}";
            return null;
        }
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } text ? text : null
            : null;
}
