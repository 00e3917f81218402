using RiskEngine.Core.Events;
using RiskEngine.Simulation.Mesh;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Decisions;

/// <summary>The OPA decision on a request between workloads: its subject is the caller's SPIFFE ID.</summary>
internal sealed class ExtAuthzDecisionEvent(MeshRequest request, string decisionId, bool allowed, long requestNumber, ScenarioTag tag)
    : TrafficEvent(request.Time, request.Source.Identity, tag)
{
    public override SourceFormat Format => SourceFormat.Opa;

    public override EventSource Source => EventSource.Opa;

    public override byte[] Write() => OpaDecisionJson.WriteExtAuthz(request with { Time = Time }, decisionId, allowed, requestNumber);

    public override string EventId(ReadOnlySpan<byte> payload) => decisionId;
}
