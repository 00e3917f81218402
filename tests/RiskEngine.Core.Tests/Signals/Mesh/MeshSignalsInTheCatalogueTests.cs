using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;
using static RiskEngine.Core.Tests.Signals.Mesh.Traffic;

namespace RiskEngine.Core.Tests.Signals.Mesh;

public sealed class MeshSignalsInTheCatalogueTests
{
    [Fact]
    public void With_every_signal_running_a_request_spike_is_the_only_finding_and_only_workload_state_is_allocated()
    {
        var scorer = TrustScorer.Create(new TrustOptions(), new ScoringContext());
        var state = NewState();

        var findings = scorer.Run(state, Minutes(T0, [.. Steady(20, 30), 400]));

        // 400 requests of 1,200 bytes are 480 kB, under the bytes floor; all of them succeed, so no 4xx.
        Assert.Equal([RequestRateSpikeSignal.SignalName], findings.Select(f => f.Signal));
        // 100 − 15 at the 60th request (8.85 s into the minute), then back toward the normal 100 − 15 / 4 = 96.25
        // with the 2 h recovery half-life until the 400th (59.85 s): 96.25 − 11.25 × 2^(−51 / 7200) = 85.055.
        Assert.Equal(85.055, state.TrustScore, 3);
        Assert.NotNull(state.Workload);
        Assert.Null(state.Decisions);
    }
}
