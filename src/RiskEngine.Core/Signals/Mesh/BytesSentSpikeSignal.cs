using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>
/// A workload taking far more data from its destinations than it has lately (the bytes the mesh sent back to it):
/// bulk reads ahead of exfiltration.
/// </summary>
public sealed class BytesSentSpikeSignal(BytesSentSpikeOptions options) : TrafficSpikeSignal(options)
{
    public const string SignalName = "bytes-sent-spike";

    public override string Name => SignalName;

    protected override string Unit => "bytes sent";

    protected override long AmountOf(IdentityEvent request) => request.BytesSent ?? 0;

    protected override ref TrafficSeries SeriesOf(WorkloadHistory workload) => ref workload.BytesSent;
}
