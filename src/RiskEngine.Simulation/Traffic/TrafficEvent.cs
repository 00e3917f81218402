using RiskEngine.Core.Events;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Traffic;

/// <summary>One event of a timeline, before it is written in its format.</summary>
internal abstract class TrafficEvent(DateTimeOffset time, string identityId, ScenarioTag tag)
{
    /// <summary>Event time, to the millisecond: every format writes at least that precision, so it reads back exactly.</summary>
    public DateTimeOffset Time { get; } = EventTime.Truncate(time);

    public string IdentityId { get; } = identityId;

    public ScenarioTag Tag { get; } = tag;

    public abstract SourceFormat Format { get; }

    public abstract EventSource Source { get; }

    /// <summary>The event as its producer writes it; <see cref="Time"/> is the time written.</summary>
    public abstract byte[] Write();

    /// <summary>The id the decoder gives the event written as <paramref name="payload"/>.</summary>
    public abstract string EventId(ReadOnlySpan<byte> payload);
}
