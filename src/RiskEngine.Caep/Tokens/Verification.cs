using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>SSF's <c>verification</c> event: proves a stream works end to end, echoing the receiver's <see cref="State"/>.</summary>
public sealed record Verification(string? State) : CaepEvent
{
    public override string EventType => CaepEventTypes.Verification;

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
        if (!string.IsNullOrEmpty(State))
        {
            writer.WriteString("state"u8, State);
        }
    }
}
