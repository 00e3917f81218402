using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>
/// A workload drawing far more 4xx answers than it has lately: 403s from probing what it may call, 401s from a
/// stolen token that does not fit, 404s from walking paths that are not there.
/// </summary>
public sealed class ClientErrorSpikeSignal(ClientErrorSpikeOptions options) : TrafficSpikeSignal(options)
{
    public const string SignalName = "client-error-spike";

    public override string Name => SignalName;

    protected override string Unit => "4xx responses";

    protected override long AmountOf(IdentityEvent request) => request.ErrorCode is >= 400 and < 500 ? 1 : 0;

    protected override ref TrafficSeries SeriesOf(WorkloadHistory workload) => ref workload.ClientErrors;
}
