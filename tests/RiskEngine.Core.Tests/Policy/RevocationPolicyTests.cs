using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Tests.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Policy;

public sealed class RevocationPolicyTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly TrustOptions _options = new(); // revoke below 40, re-arm at 60, recover 10 an hour
    private readonly IdentityState _state = SignIns.NewState();

    /// <summary>One scored event: recovery since the last one, then the penalty, as the scorer computes it.</summary>
    private TrustDecision Step(DateTimeOffset at, double penalty, string? evidence = null)
    {
        var previous = _state.TrustScoreTime is { } since && at > since
            ? Math.Min(100, _state.TrustScore + ((at - since).TotalHours * _options.RecoveryPerHour))
            : _state.TrustScore;
        SignalFinding[] findings = [];
        if (penalty > 0)
        {
            var finding = new SignalFinding("test", penalty, evidence ?? $"penalty {penalty}");
            _state.RememberFinding(finding, at);
            findings = [finding];
        }

        var score = Math.Clamp(previous - penalty, 0, 100);
        _state.SetTrustScore(score, at);
        return new RevocationPolicy(_options).Decide(new TrustAssessment(previous, score, findings), _state);
    }

    [Fact]
    public void Revokes_once_per_episode_and_again_only_after_trust_climbs_back_to_the_rearm_threshold()
    {
        Assert.Equal(TrustAction.None, Step(T0, 50).Action);                 // 50: not below 40
        Assert.Equal(TrustAction.RevokeSession, Step(T0, 15).Action);        // 35: revoke
        Assert.True(_state.InRevokedEpisode);
        Assert.Equal(TrustDecision.None, Step(T0, 10));                      // 25: same episode
        Assert.Equal(TrustDecision.None, Step(T0.AddHours(3), 0));           // 55: still below 60, still the episode
        Assert.True(_state.InRevokedEpisode);
        Assert.Equal(TrustDecision.None, Step(T0.AddHours(3.5), 0));         // 60: re-armed, nothing to do
        Assert.False(_state.InRevokedEpisode);
        Assert.Equal(TrustAction.RevokeSession, Step(T0.AddHours(3.5), 25).Action); // 35: a new episode
    }

    [Fact]
    public void A_score_exactly_at_the_revoke_threshold_does_not_revoke()
    {
        Assert.Equal(TrustDecision.None, Step(T0, 60));
        Assert.False(_state.InRevokedEpisode);
    }

    [Fact]
    public void The_reason_gives_the_score_and_the_evidence_of_each_recent_finding()
    {
        Step(T0, 30, "failed sign-in burst: 5 failures");
        var decision = Step(T0.AddMinutes(30), 45, "impossible travel: Oslo, NO to Lagos, NG"); // 70 + 5 - 45 = 30

        Assert.Equal(TrustAction.RevokeSession, decision.Action);
        Assert.Equal(
            "Trust score 30 fell below the revoke threshold 40: " +
            "failed sign-in burst: 5 failures (-30 at 2024-03-01 08:00:00Z); " +
            "impossible travel: Oslo, NO to Lagos, NG (-45 at 2024-03-01 08:30:00Z)",
            decision.Reason);
    }

    [Fact]
    public void The_reason_leaves_out_findings_older_than_full_recovery_takes()
    {
        // At 10 points an hour, anything more than 10 h before the score has stopped counting.
        Step(T0, 30, "stale burst");
        var decision = Step(T0.AddHours(11), 65, "fresh travel");

        Assert.Equal(TrustAction.RevokeSession, decision.Action);
        Assert.Contains("fell below the revoke threshold", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("fresh travel (-65", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("stale burst", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void End_to_end_a_burst_then_impossible_travel_revokes_with_both_as_evidence()
    {
        var scorer = TrustScorer.Create(_options, new ScoringContext());
        var policy = new RevocationPolicy(_options);
        var state = SignIns.NewState();
        var decisions = new List<TrustDecision>();
        void Run(RiskEngine.Core.Events.IdentityEvent signIn) => decisions.Add(policy.Decide(scorer.Assess(signIn, state), state));

        Run(SignIns.InOslo(T0));
        for (var i = 1; i <= 5; i++)
        {
            Run(SignIns.Failure(T0.AddMinutes(i)));                 // 5th: 100 - 30 = 70
        }

        Run(SignIns.InLagos(T0.AddMinutes(6)));                      // 70 + 1/6 (one minute of recovery) - 45 = 25.17
        Run(SignIns.InLagos(T0.AddMinutes(7)));                      // still the episode

        Assert.Equal(
            [TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.RevokeSession, TrustAction.None],
            decisions.Select(d => d.Action));
        var reason = decisions[6].Reason!;
        Assert.StartsWith("Trust score 25 fell below the revoke threshold 40: failed sign-in burst: 5 failures in 10 min", reason, StringComparison.Ordinal);
        Assert.Contains("impossible travel: Oslo, NO to Lagos, NG", reason, StringComparison.Ordinal);
    }
}
