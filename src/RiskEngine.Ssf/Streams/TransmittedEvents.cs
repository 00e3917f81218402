using RiskEngine.Caep;

namespace RiskEngine.Ssf.Streams;

/// <summary>The event types this transmitter can deliver: what the engine issues onto the SET topic.</summary>
public static class TransmittedEvents
{
    /// <summary>A stream's <c>events_supported</c>. SSF's own verification and stream-updated go to every stream and are not listed.</summary>
    public static IReadOnlyList<string> Supported { get; } =
    [
        CaepEventTypes.SessionRevoked,
        CaepEventTypes.RiskLevelChange,
        CaepEventTypes.AssuranceLevelChange,
        CaepEventTypes.TokenClaimsChange,
    ];
}
