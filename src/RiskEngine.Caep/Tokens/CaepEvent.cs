using System.Text.Json;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// One CAEP event: its type and the claims particular to it. <see cref="SecurityEventTokenIssuer.Issue"/> signs it
/// in a SET with its <see cref="SecurityEventCause"/>.
/// </summary>
public abstract record CaepEvent
{
    /// <summary>The event type URI, the member name inside the SET's <c>events</c> claim.</summary>
    public abstract string EventType { get; }

    /// <summary>The name of the event in the <c>jti</c>'s derivation, so each kind of SET one cause produces has its own <c>jti</c>.</summary>
    internal string JtiAction => EventType[(EventType.LastIndexOf('/') + 1)..];

    /// <summary>Writes the claims particular to this event type, before the common <c>event_timestamp</c>, <c>initiating_entity</c> and <c>reason_admin</c>.</summary>
    internal abstract void WriteEventClaims(Utf8JsonWriter writer);

    /// <summary>Throws for a value no receiver could act on; called before anything is signed.</summary>
    internal virtual void Validate()
    {
    }
}
