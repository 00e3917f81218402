using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>A CAEP <c>session-revoked</c>: the receiver ends the session, or every session of the user when the cause names none.</summary>
public sealed record SessionRevoked : CaepEvent
{
    public override string EventType => CaepEventTypes.SessionRevoked;

    internal override void WriteEventClaims(Utf8JsonWriter writer)
    {
    }
}
