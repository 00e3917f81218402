using System.Buffers.Text;
using System.Text.Json;
using RiskEngine.Caep.Subjects;

namespace RiskEngine.Ssf.Dispatch;

/// <summary>
/// What the dispatcher needs to know of a SET from the SET topic before re-addressing it: its event type and subject.
/// The signature is checked by <see cref="Caep.Tokens.SecurityEventTokenIssuer.Readdress"/>, not here.
/// </summary>
/// <param name="Token">The compact SET as it came.</param>
/// <param name="EventType">The single member name of its <c>events</c> claim.</param>
/// <param name="Subject">Its <c>sub_id</c>, or null when it has none this engine reads.</param>
public sealed record IncomingSet(string Token, string EventType, SubjectIdentifier? Subject)
{
    /// <summary>Reads the claims of a compact SET; false, with the reason, for anything that is not one.</summary>
    public static bool TryRead(string token, out IncomingSet? set, out string? error)
    {
        ArgumentNullException.ThrowIfNull(token);
        set = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = $"not a compact JWS: {parts.Length} parts instead of 3";
            return false;
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException ex)
        {
            error = $"the payload is not base64url: {ex.Message}";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var claims = document.RootElement;
            if (claims.ValueKind != JsonValueKind.Object
                || !claims.TryGetProperty("events", out var events)
                || events.ValueKind != JsonValueKind.Object
                || events.EnumerateObject().Count() != 1)
            {
                error = "the claims hold no 'events' object with exactly one event";
                return false;
            }

            SubjectIdentifier? subject = null;
            if (claims.TryGetProperty("sub_id", out var subId))
            {
                try
                {
                    subject = SubjectIdentifier.Parse(subId);
                }
                catch (FormatException)
                {
                    // A subject this engine cannot read still goes to streams that take every subject.
                }
            }

            set = new IncomingSet(token, events.EnumerateObject().First().Name, subject);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"the payload is not JSON: {ex.Message}";
            return false;
        }
    }
}
