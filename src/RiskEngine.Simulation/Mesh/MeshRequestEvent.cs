using RiskEngine.Core.Events;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Mesh;

/// <summary>A request as the callee's proxy logs it, in its mesh's format; the engine scores it under the caller.</summary>
internal sealed class MeshRequestEvent(MeshRequest request, ScenarioTag tag) : TrafficEvent(request.Time, request.Source.Identity, tag)
{
    private readonly MeshRequest _request = request with { Time = EventTime.Truncate(request.Time) };

    private bool IsIstio => _request.Destination.Mesh == MeshKind.Istio;

    public override SourceFormat Format => IsIstio ? SourceFormat.Envoy : SourceFormat.Linkerd;

    public override EventSource Source => IsIstio ? EventSource.Envoy : EventSource.Linkerd;

    public override byte[] Write() => IsIstio ? AccessLogJson.WriteEnvoy(_request) : AccessLogJson.WriteLinkerd(_request);

    public override string EventId(ReadOnlySpan<byte> payload) => AccessLogJson.EventId(IsIstio ? "envoy:" : "linkerd:", payload);
}
