using RiskEngine.Core.Events;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Decisions;

internal sealed class DocumentDecisionEvent(DocumentDecision decision, ScenarioTag tag) : TrafficEvent(decision.Time, decision.UserId, tag)
{
    public override SourceFormat Format => SourceFormat.Opa;

    public override EventSource Source => EventSource.Opa;

    public override byte[] Write() => OpaDecisionJson.WriteDocument(decision with { Time = Time });

    public override string EventId(ReadOnlySpan<byte> payload) => decision.DecisionId;
}
