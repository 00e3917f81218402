using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>A workload making far more requests than it has lately: a scan, a scraper, a loop in stolen hands.</summary>
public sealed class RequestRateSpikeSignal(RequestRateSpikeOptions options) : TrafficSpikeSignal(options)
{
    public const string SignalName = "request-rate-spike";

    public override string Name => SignalName;

    protected override string Unit => "requests";

    protected override long AmountOf(IdentityEvent request) => 1;

    protected override ref TrafficSeries SeriesOf(WorkloadHistory workload) => ref workload.Requests;
}
