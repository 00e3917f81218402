using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Decisions.PolicyDecisions;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;

namespace RiskEngine.Core.Tests.Signals.Decisions;

public sealed class DenyBurstSignalTests
{
    private readonly TrustScorer _scorer = ScorerOf(new DenyBurstSignal(new DenyBurstOptions()));

    [Fact]
    public void The_eleventh_deny_within_five_minutes_fires_once_and_the_burst_going_on_does_not_fire_again()
    {
        var state = PolicyDecisions.NewState();

        // A deny every 20 seconds: the 11th, at 200 s, is the first time more than 10 fall within 5 minutes.
        var findings = _scorer.Run(state, Enumerable.Range(0, 20).Select(i => Denied(PolicyDecisions.T0.AddSeconds(20 * i))));

        var fired = Assert.Single(findings);
        Assert.Equal(DenyBurstSignal.SignalName, fired.Signal);
        Assert.Equal(25, fired.Penalty);
        Assert.Equal("11 OPA denies in 5 min (last: DELETE /payroll/2024/bob)", fired.Evidence);
    }

    [Fact]
    public void Denies_spread_wider_than_the_window_do_not_fire()
    {
        // One every 30 seconds: a 5-minute window [t - 300 s, t] holds the deny at t and the 10 before it, 11 in all...
        var burst = _scorer.Run(PolicyDecisions.NewState(), Enumerable.Range(0, 11).Select(i => Denied(PolicyDecisions.T0.AddSeconds(30 * i))));
        Assert.Single(burst);

        // ...while one every 31 seconds keeps the 11th-last just outside it (10 × 31 s = 310 s), so never more than 10.
        var spread = _scorer.Run(PolicyDecisions.NewState(), Enumerable.Range(0, 40).Select(i => Denied(PolicyDecisions.T0.AddSeconds(31 * i))));
        Assert.Empty(spread);
    }

    [Fact]
    public void Allowed_decisions_never_fire_and_a_new_burst_after_a_quiet_spell_fires_again()
    {
        var state = PolicyDecisions.NewState();
        var first = _scorer.Run(state, Enumerable.Range(0, 11).Select(i => Denied(PolicyDecisions.T0.AddSeconds(i))));
        var allowed = _scorer.Run(state, Enumerable.Range(0, 30).Select(i => Allowed(PolicyDecisions.T0.AddMinutes(1).AddSeconds(i))));
        var second = _scorer.Run(state, Enumerable.Range(0, 11).Select(i => Denied(PolicyDecisions.T0.AddHours(1).AddSeconds(i))));

        Assert.Single(first);
        Assert.Empty(allowed);
        Assert.Single(second);
    }
}
