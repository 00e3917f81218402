using RiskEngine.Core.Signals.Mesh;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;
using static RiskEngine.Core.Tests.Signals.Mesh.Traffic;

namespace RiskEngine.Core.Tests.Signals.Mesh;

public sealed class RequestRateSpikeSignalTests
{
    private readonly TrustScorer _scorer = ScorerOf(new RequestRateSpikeSignal(new RequestRateSpikeOptions()));

    [Fact]
    public void Four_hundred_requests_in_a_minute_after_a_steady_twenty_is_found_inside_that_minute_once()
    {
        var state = NewState();

        var findings = _scorer.Run(state, Minutes(T0, [.. Steady(20, 30), 400]));

        // The last 16 closed minutes all hold 20 (spread 0, so any rise has p-value ~0, floored at 1e-8); the
        // spike minute becomes one at its 60th request: at least 60 (the floor) and 3 times the mean of 20.
        var fired = Assert.Single(findings);
        Assert.Equal(RequestRateSpikeSignal.SignalName, fired.Signal);
        Assert.Equal(15, fired.Penalty);
        Assert.Equal(
            "request-rate-spike: 60 requests in the 1 min from 08:30:00Z so far, 3x the mean of its last 16 active buckets (20), p = 1.0E-8; " +
            "last: 200 GET /v1/items to catalog",
            fired.Evidence);

        // The 60th of 400 spread over the minute: 59 × 60 s / 400 = 8.85 s into it, not a minute late.
        Assert.Equal(T0.AddMinutes(30).AddMilliseconds(8_850), Assert.Single(state.RecentFindings).At);
    }

    [Fact]
    public void A_steady_rise_to_the_same_rate_is_not_a_spike()
    {
        // 20 a minute, then 6 more each minute up to 404: each minute is at most 2.2 times the mean of the 16
        // before it (at k minutes into the rise the window mean is 20 + 6k(k+1)/32, the new minute 20 + 6(k+1)).
        var rise = Enumerable.Range(1, 64).Select(k => 20 + (6 * k));

        Assert.Empty(_scorer.Run(NewState(), Minutes(T0, [.. Steady(20, 30), .. rise])));
    }

    [Fact]
    public void Nothing_is_judged_before_sixteen_active_minutes()
    {
        Assert.Empty(_scorer.Run(NewState(), Minutes(T0, [.. Steady(20, 15), 400])));
    }

    [Fact]
    public void An_idle_spell_adds_no_zeros_so_waking_up_is_not_a_spike()
    {
        // With every floor at its lowest, a window of idle minutes (zeros) would make the first busy minute a spike.
        var scorer = ScorerOf(new RequestRateSpikeSignal(new RequestRateSpikeOptions { MinimumPerBucket = 1, MinimumRatio = 1 }));
        var state = NewState();
        scorer.Run(state, Minutes(T0, Steady(20, 20)));

        Assert.Empty(scorer.Run(state, Minutes(T0.AddHours(3), Steady(20, 5))));
    }

    [Fact]
    public void The_same_rate_again_next_minute_is_no_longer_unusual()
    {
        var findings = _scorer.Run(NewState(), Minutes(T0, [.. Steady(20, 30), 400, 400]));

        // The window is now 15 minutes of 20 and one of 400 (mean 43.75, spread 92, kernel bandwidth √2·92 = 130):
        // at 400 the upper tail is 0.5 − (15·erf(380/130) + erf(0))/32 = 0.5 − 15·0.99997/32 ≈ 0.031 > 0.01.
        Assert.Single(findings);
    }
}
