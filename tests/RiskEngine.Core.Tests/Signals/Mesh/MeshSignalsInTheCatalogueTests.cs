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
        // 100 − 15 × 3 (its default weight) at the 60th request (8.85 s into the minute), then back toward the normal
        // 100 − 45 / 4 = 88.75 with the 2 h recovery half-life until the 400th (59.85 s):
        // 88.75 − 33.75 × 2^(−51 / 7200) = 55.165.
        Assert.Equal(55.165, state.TrustScore, 3);
        Assert.NotNull(state.Workload);
        Assert.Null(state.Decisions);
    }
}
