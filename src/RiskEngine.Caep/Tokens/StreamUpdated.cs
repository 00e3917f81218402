using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>SSF's <c>stream-updated</c> event: the stream's <see cref="Status"/> (<c>enabled</c>, <c>paused</c>, <c>disabled</c>) changed.</summary>
public sealed record StreamUpdated(string Status, string? Reason) : CaepEvent
{
    public override string EventType => CaepEventTypes.StreamUpdated;

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
        writer.WriteString("status"u8, Status);
        if (!string.IsNullOrEmpty(Reason))
        {
            writer.WriteString("reason"u8, Reason);
        }
    }

    internal override void Validate() => ArgumentException.ThrowIfNullOrWhiteSpace(Status);
}
