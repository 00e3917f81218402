using System.Text.Json;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Tests.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class TrustScorerTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    // Defaults: recovery half-life 2 h, normal half-life 7 days, a quarter of each penalty off the normal, floor 80.
    private readonly TrustScorer _scorer = TrustScorer.Create(new TrustOptions(), new ScoringContext());

    private static TrustScorer WithPenaltyById(TrustOptions? options = null, int signals = 1) =>
        new(options ?? new TrustOptions(), Enumerable.Range(0, signals).Select(_ => new PenaltyById()), new ScoringContext());

    [Fact]
    public void A_new_identity_is_fully_trusted_and_a_quiet_sign_in_keeps_it_so()
    {
        var state = SignIns.NewState();
        Assert.Equal(100, state.TrustScore);
        Assert.Equal(100, state.Normal);
        Assert.Null(state.TrustScoreTime);

        var assessment = _scorer.Assess(SignIns.InOslo(T0), state);

        Assert.Equal(100, assessment.PreviousScore);
        Assert.Equal(0, assessment.Recovery);
        Assert.Equal(100, assessment.Score);
        Assert.Equal(100, assessment.Normal);
        Assert.Equal(RiskLevel.None, assessment.Level);
        Assert.Empty(assessment.Findings);
        Assert.Equal(T0, state.TrustScoreTime);
        Assert.Equal(1, state.SignIns!.SuccessfulSignIns);
    }

    [Fact]
    public void Impossible_travel_costs_45_and_lowers_the_normal_and_two_clean_hours_win_back_half_the_gap()
    {
        var state = SignIns.NewState();
        _scorer.Assess(SignIns.InOslo(T0), state);

        var travel = _scorer.Assess(SignIns.InLagos(T0.AddHours(1)), state);
        Assert.Equal(100, travel.PreviousScore);
        Assert.Equal(0, travel.Recovery);                 // a signal fired: no recovery for the hour before
        Assert.Equal(45, travel.Penalty);
        Assert.Equal(55, travel.Score);
        Assert.Equal(88.75, travel.Normal);               // 100 - 45 / 4
        Assert.Equal(RiskLevel.None, travel.PreviousLevel);
        Assert.Equal(RiskLevel.Medium, travel.Level);     // 55 < 60
        var finding = Assert.Single(travel.Findings);
        Assert.Equal(ImpossibleTravelSignal.SignalName, finding.Signal);
        Assert.Equal((45, 1, 45), (finding.Penalty, finding.Weight, finding.Points));
        Assert.StartsWith("impossible travel: Oslo, NO to Lagos, NG", finding.Evidence, StringComparison.Ordinal);

        // Same place and device two hours later: nothing fires. The normal recovers a little over 2 h of its 7-day
        // half-life, 100 - 11.25 * 2^(-2/168) = 88.84; the score half the way to it, (55 + 88.84) / 2 = 71.92.
        var later = _scorer.Assess(SignIns.InLagos(T0.AddHours(3)), state);
        Assert.Equal(55, later.PreviousScore);
        Assert.Equal(88.8425, later.Normal, 4);
        Assert.Equal(71.9212, later.Score, 4);
        Assert.Equal(16.9212, later.Recovery, 4);
        Assert.Equal(RiskLevel.Low, later.Level);
        Assert.Empty(later.Findings);
        Assert.Equal(71.9212, state.TrustScore, 4);
    }

    [Fact]
    public void An_event_on_which_a_signal_fires_wins_nothing_back_however_long_since_the_last()
    {
        var scorer = WithPenaltyById();
        var state = SignIns.NewState();
        scorer.Assess(PenaltyById.Event(T0, "p45"), state);                       // 55

        var again = scorer.Assess(PenaltyById.Event(T0.AddHours(6), "p20"), state);

        Assert.Equal(0, again.Recovery);
        Assert.Equal(35, again.Score);                                             // 55 - 20, not 97 - 20
        Assert.Equal(83.75, again.Normal);                                         // 88.75 - 20 / 4, not recovered either
    }

    [Fact]
    public void A_chronically_risky_identity_settles_at_a_lower_normal_but_never_below_the_floor_and_climbs_back_over_days()
    {
        var scorer = WithPenaltyById();
        var state = SignIns.NewState();
        for (var i = 0; i < 4; i++)
        {
            scorer.Assess(PenaltyById.Event(T0, $"p40-{i}"), state);                // normal 90, 80, then held at the floor
        }

        Assert.Equal(80, state.Normal);

        // A day of clean events later the normal is 100 - 20 * 2^(-24/168) = 81.89, and the score, twelve
        // recovery half-lives on, has all but reached it: this identity's normal is lower than a new one's.
        var dayLater = scorer.Assess(PenaltyById.Event(T0.AddDays(1), "p0"), state);
        Assert.Equal(81.8855, dayLater.Normal, 4);
        Assert.Equal(81.87, dayLater.Score, 2);

        // A week of good behaviour halves what the normal lost: 100 - 20 / 2.
        var weekLater = scorer.Assess(PenaltyById.Event(T0.AddDays(7), "p0"), state);
        Assert.Equal(90, weekLater.Normal, 9);
    }

    [Fact]
    public void Penalties_add_up_and_the_score_clamps_at_zero()
    {
        var scorer = WithPenaltyById(signals: 2);
        var state = SignIns.NewState();

        var first = scorer.Assess(PenaltyById.Event(T0, "p35"), state);     // two signals: 100 - 70
        Assert.Equal(30, first.Score);
        Assert.Equal(70, first.Penalty);
        Assert.Equal(2, first.Findings.Count);

        var second = scorer.Assess(PenaltyById.Event(T0, "p35"), state);    // 30 - 70, clamped
        Assert.Equal(0, second.Score);
        Assert.Equal(0, state.TrustScore);
        Assert.Equal(80, state.Normal);                                      // 100 - 140 / 4, held at the floor
        Assert.Equal(4, state.RecentFindings.Count);
    }

    [Fact]
    public void A_configured_weight_scales_a_signals_penalty_and_the_finding_shows_both()
    {
        var options = new TrustOptions { Weights = { ["TEST"] = 1.5 } };
        var state = SignIns.NewState();

        var assessment = WithPenaltyById(options).Assess(PenaltyById.Event(T0, "p20"), state);

        var finding = Assert.Single(assessment.Findings);
        Assert.Equal((20, 1.5, 30), (finding.Penalty, finding.Weight, finding.Points));
        Assert.Equal(70, assessment.Score);
        Assert.Equal(30, Assert.Single(state.RecentFindings).Finding.Penalty);   // what it took, for the policy to cite
    }

    [Fact]
    public void An_event_older_than_the_score_gets_no_recovery_and_does_not_move_the_score_time_back()
    {
        var scorer = WithPenaltyById();
        var state = SignIns.NewState();
        scorer.Assess(PenaltyById.Event(T0.AddHours(5), "p50"), state);         // 50, normal 87.5

        var late = scorer.Assess(PenaltyById.Event(T0, "p0"), state);

        Assert.Equal(0, late.Recovery);
        Assert.Equal(50, late.Score);
        Assert.Equal(87.5, late.Normal);
        Assert.Equal(T0.AddHours(5), state.TrustScoreTime);

        // Recovery is then measured from +5 h, not from the late event's time: two hours later the normal is
        // 100 - 12.5 * 2^(-2/168) = 87.60 and the score half way there from 50, 68.80.
        var next = scorer.Assess(PenaltyById.Event(T0.AddHours(7), "p0"), state);
        Assert.Equal(68.8014, next.Score, 4);
    }

    [Fact]
    public void Signals_judge_a_sign_in_against_the_state_before_it()
    {
        var state = SignIns.NewState();
        for (var i = 0; i < 3; i++)
        {
            _scorer.Assess(SignIns.Success(T0.AddMinutes(i), deviceId: "laptop"), state);
        }

        var firstUse = _scorer.Assess(SignIns.Success(T0.AddMinutes(3), deviceId: "phone"), state);
        Assert.Equal(NoveltySignal.NewDevice, Assert.Single(firstUse.Findings).Signal);
        Assert.Equal(85, firstUse.Score, 9); // 100 - 20 x 0.75, the new-device signal's default weight

        // The phone was learned after it was judged: its second use is not new.
        var secondUse = _scorer.Assess(SignIns.Success(T0.AddMinutes(4), deviceId: "phone"), state);
        Assert.Empty(secondUse.Findings);
        Assert.Equal(5, state.SignIns!.SuccessfulSignIns);
        Assert.Equal(2, state.SignIns.KnownCount(SignInTrait.Device));
    }

    [Fact]
    public void The_fifth_failure_of_a_burst_costs_30_weighed_1_5_once()
    {
        var state = SignIns.NewState();
        var scores = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            scores.Add(_scorer.Assess(SignIns.Failure(T0), state).Score);
        }

        Assert.Equal([100, 100, 100, 100, 55, 55], scores);
    }

    [Fact]
    public void The_assessment_serialises_as_an_explanation_an_analyst_reads()
    {
        var state = SignIns.NewState();
        var assessment = WithPenaltyById().Assess(PenaltyById.Event(T0, "p45"), state);

        var json = JsonSerializer.Serialize(assessment, TrustJsonContext.Default.TrustAssessment);

        Assert.Equal(
            """
            {"previousScore":100,"recovery":0,"normal":88.75,"penalty":45,"score":55,"previousLevel":"None","level":"Medium","findings":[{"signal":"test","penalty":45,"weight":1,"evidence":"test penalty 45","points":45}]}
            """,
            json);
    }

    [Fact]
    public void Scoring_an_event_on_which_no_signal_fires_allocates_nothing()
    {
        var state = SignIns.NewState();
        var events = Enumerable.Range(0, 200).Select(i => SignIns.InOslo(T0.AddMinutes(i))).ToArray();
        for (var i = 0; i < 100; i++)
        {
            _scorer.Assess(events[i], state);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < events.Length; i++)
        {
            _scorer.Assess(events[i], state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
