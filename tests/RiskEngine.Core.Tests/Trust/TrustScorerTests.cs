using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Tests.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class TrustScorerTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly TrustScorer _scorer = TrustScorer.Create(new TrustOptions(), new ScoringContext());

    [Fact]
    public void A_new_identity_is_fully_trusted_and_a_quiet_sign_in_keeps_it_so()
    {
        var state = SignIns.NewState();
        Assert.Equal(100, state.TrustScore);
        Assert.Null(state.TrustScoreTime);

        var assessment = _scorer.Assess(SignIns.InOslo(T0), state);

        Assert.Equal(100, assessment.PreviousScore);
        Assert.Equal(100, assessment.Score);
        Assert.Empty(assessment.Findings);
        Assert.Equal(T0, state.TrustScoreTime);
        Assert.Equal(1, state.SignIns!.SuccessfulSignIns);
    }

    [Fact]
    public void Impossible_travel_costs_45_and_two_hours_of_event_time_give_20_back()
    {
        var state = SignIns.NewState();
        _scorer.Assess(SignIns.InOslo(T0), state);

        var travel = _scorer.Assess(SignIns.InLagos(T0.AddHours(1)), state);
        Assert.Equal(100, travel.PreviousScore);
        Assert.Equal(55, travel.Score);
        Assert.Equal(ImpossibleTravelSignal.SignalName, Assert.Single(travel.Findings).Signal);

        // Same place and device two hours later: nothing fires, 10 points an hour come back.
        var later = _scorer.Assess(SignIns.InLagos(T0.AddHours(3)), state);
        Assert.Equal(75, later.PreviousScore, 9);
        Assert.Equal(75, later.Score, 9);
        Assert.Empty(later.Findings);
        Assert.Equal(75, state.TrustScore, 9);
    }

    [Fact]
    public void Recovery_is_applied_before_the_new_penalties_and_stops_at_full_trust()
    {
        var options = new TrustOptions();
        var scorer = new TrustScorer(options, [new PenaltyById()], new ScoringContext());
        var state = SignIns.NewState();

        scorer.Assess(Event(T0, "p60"), state);                                   // 100 - 60 = 40
        var combined = scorer.Assess(Event(T0.AddMinutes(90), "p30"), state);      // 40 + 15 - 30 = 25
        Assert.Equal(55, combined.PreviousScore, 9);
        Assert.Equal(25, combined.Score, 9);

        var healed = scorer.Assess(Event(T0.AddDays(2), "p0"), state);            // 25 + 10 * 46.5 > 100
        Assert.Equal(100, healed.PreviousScore);
        Assert.Equal(100, healed.Score);
    }

    [Fact]
    public void Penalties_add_up_and_the_score_clamps_at_zero()
    {
        var scorer = new TrustScorer(new TrustOptions(), [new PenaltyById(), new PenaltyById()], new ScoringContext());
        var state = SignIns.NewState();

        var first = scorer.Assess(Event(T0, "p35"), state);     // two signals: 100 - 70
        Assert.Equal(30, first.Score);
        Assert.Equal(2, first.Findings.Count);

        var second = scorer.Assess(Event(T0, "p35"), state);    // 30 - 70, clamped
        Assert.Equal(0, second.Score);
        Assert.Equal(0, state.TrustScore);
        Assert.Equal(4, state.RecentFindings.Count);
    }

    [Fact]
    public void An_event_older_than_the_score_gets_no_recovery_and_does_not_move_the_score_time_back()
    {
        var scorer = new TrustScorer(new TrustOptions(), [new PenaltyById()], new ScoringContext());
        var state = SignIns.NewState();
        scorer.Assess(Event(T0.AddHours(5), "p50"), state);

        var late = scorer.Assess(Event(T0, "p10"), state);

        Assert.Equal(50, late.PreviousScore);
        Assert.Equal(40, late.Score);
        Assert.Equal(T0.AddHours(5), state.TrustScoreTime);

        // Recovery is then measured from +5 h, not from the late event's time: one hour later gives 10, not 60.
        var next = scorer.Assess(Event(T0.AddHours(6), "p0"), state);
        Assert.Equal(50, next.Score, 9);
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
        Assert.Equal(80, firstUse.Score, 9);

        // The phone was learned after it was judged: its second use is not new.
        var secondUse = _scorer.Assess(SignIns.Success(T0.AddMinutes(4), deviceId: "phone"), state);
        Assert.Empty(secondUse.Findings);
        Assert.Equal(5, state.SignIns!.SuccessfulSignIns);
        Assert.Equal(2, state.SignIns.KnownCount(SignInTrait.Device));
    }

    [Fact]
    public void The_fifth_failure_of_a_burst_costs_30_once()
    {
        var state = SignIns.NewState();
        var scores = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            scores.Add(_scorer.Assess(SignIns.Failure(T0), state).Score);
        }

        Assert.Equal([100, 100, 100, 100, 70, 70], scores);
    }

    private static IdentityEvent Event(DateTimeOffset at, string penalty) => new()
    {
        EventId = penalty,
        Timestamp = at,
        IdentityId = SignIns.IdentityId,
        Succeeded = true,
    };

    /// <summary>Fires with the penalty the event id names ("p35" takes 35); "p0" does not fire.</summary>
    private sealed class PenaltyById : ISignal
    {
        public string Name => "test";

        public SignalFinding? Evaluate(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
        {
            var penalty = double.Parse(identityEvent.EventId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
            return penalty == 0 ? null : new SignalFinding(Name, penalty, $"test penalty {penalty}");
        }

        public void Observe(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
        {
        }
    }
}
