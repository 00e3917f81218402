using System.Buffers;
using System.Text.Json;
using RiskEngine.Core.Events;

namespace RiskEngine.Sources.Canonical;

/// <summary>
/// The canonical event as JSON: what the decode stage writes to the identity-keyed topic and the scoring
/// stage reads back. Described by schemas/identity-event.schema.json, so other producers can feed the
/// scoring stage directly.
/// </summary>
public static class IdentityEventJson
{
    public static void Write(IBufferWriter<byte> output, IdentityEvent identityEvent)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, identityEvent, CanonicalJsonContext.Default.IdentityEvent);
    }

    public static byte[] ToUtf8Bytes(IdentityEvent identityEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(identityEvent, CanonicalJsonContext.Default.IdentityEvent);

    /// <summary>Reads one canonical event, or returns null with the reason it is not one.</summary>
    public static IdentityEvent? Read(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            var identityEvent = JsonSerializer.Deserialize(json, CanonicalJsonContext.Default.IdentityEvent);
            error = identityEvent is null ? "null is not a canonical event" : null;
            return identityEvent;
        }
        catch (JsonException ex)
        {
            error = $"not a canonical event: {ex.Message}";
            return null;
        }
    }
}
