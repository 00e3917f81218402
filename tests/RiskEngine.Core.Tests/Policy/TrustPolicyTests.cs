using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Tests.Signals;
using RiskEngine.Core.Tests.Trust;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Policy;

public sealed class TrustPolicyTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    // The default thresholds and levels; penalties leave the normal at 100 so that recovery is 100 - gap * 2^(-hours/2).
    private readonly TrustOptions _options = new() { Baseline = { PenaltyShare = 0 } };
    private readonly IdentityState _state = SignIns.NewState();
    private readonly TrustScorer _scorer;
    private readonly TrustPolicy _policy;

    public TrustPolicyTests()
    {
        _scorer = new TrustScorer(_options, [new PenaltyById()], new ScoringContext());
        _policy = new TrustPolicy(_options);
    }

    /// <summary>Scores an event the test signal fires on with the given penalty (0: a clean event), and decides.</summary>
    private TrustDecision Step(DateTimeOffset at, double penalty, string sensitivity = "internal", PrincipalType principal = PrincipalType.User)
    {
        var identityEvent = PenaltyById.Event(at, FormattableString.Invariant($"p{penalty}-{Guid.NewGuid():N}"), sensitivity, principal);
        return _policy.Decide(_scorer.Assess(identityEvent, _state), identityEvent, _state);
    }

    [Fact]
    public void Revokes_once_per_episode_and_again_only_after_trust_climbs_past_the_threshold_by_the_margin()
    {
        var revoked = Step(T0, 65);                                                     // 35 < 40
        Assert.True(revoked.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.False(revoked.Actions.HasFlag(TrustAction.StepUp));                      // the revocation forces a new sign-in anyway
        Assert.Equal(ResourceSensitivity.Internal, _state.RevocationEpisode);

        Assert.Equal(TrustDecision.None, Step(T0, 10));                                 // 25: same episode, level still high
        Assert.False(Step(T0.AddHours(1), 0).Actions.HasFlag(TrustAction.RevokeSession)); // 100 - 75 / sqrt 2 = 47.0 < 40 + 10
        Assert.Equal(ResourceSensitivity.Internal, _state.RevocationEpisode);
        Step(T0.AddHours(2), 0);                                                        // 100 - 75 / 2 = 62.5: re-armed
        Assert.Null(_state.RevocationEpisode);
        Assert.Equal(ResourceSensitivity.Internal, _state.StepUpEpisode);              // the step-up it stood for re-arms at 60 + 10

        Assert.True(Step(T0.AddHours(2), 25).Actions.HasFlag(TrustAction.RevokeSession)); // 37.5: a new episode
    }

    [Fact]
    public void A_score_exactly_at_a_threshold_does_not_act()
    {
        var decision = Step(T0, 40);                                                    // 60: the step-up threshold of internal resources

        Assert.False(decision.Actions.HasFlag(TrustAction.StepUp));
        Assert.Null(_state.StepUpEpisode);
    }

    [Fact]
    public void Steps_up_once_per_episode_and_a_more_sensitive_resource_still_revokes_at_its_own_threshold()
    {
        var stepUp = Step(T0, 45);                                                      // 55 < 60
        Assert.Equal(TrustAction.StepUp | TrustAction.RiskLevelChange, stepUp.Actions);
        Assert.Equal(AuthenticatorAssuranceLevel.Aal2, stepUp.StepUpTo);

        Assert.Equal(TrustDecision.None, Step(T0, 5));                                  // 50: stepped up already, still medium
        Assert.Equal(TrustDecision.None, Step(T0, 0, "restricted"));                    // 50 is not below restricted's 50 to revoke

        var restricted = Step(T0, 5, "restricted");                                     // 45 < 50
        Assert.True(restricted.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Equal(ResourceSensitivity.Restricted, restricted.Sensitivity);
        Assert.Equal(ResourceSensitivity.Restricted, _state.RevocationEpisode);
        Assert.Equal(ResourceSensitivity.Internal, _state.StepUpEpisode);
    }

    [Theory]
    [InlineData("public", TrustAction.None, null)]                                        // 65 >= 60
    [InlineData("internal", TrustAction.RiskLevelChange, null)]                           // 65 < 80: publish LOW
    [InlineData("confidential", TrustAction.RiskLevelChange, null)]                       // 65 is not below 65
    [InlineData("restricted", TrustAction.RiskLevelChange | TrustAction.StepUp, AuthenticatorAssuranceLevel.Aal3)] // 65 < 70
    public void The_same_score_acts_by_the_sensitivity_of_what_the_event_touched(string sensitivity, TrustAction expected, AuthenticatorAssuranceLevel? stepUpTo)
    {
        var decision = Step(T0, 35, sensitivity);

        Assert.Equal(expected, decision.Actions);
        if (stepUpTo is { } level)
        {
            Assert.Equal(level, decision.StepUpTo);
        }
    }

    [Fact]
    public void A_workload_cannot_step_up_and_is_left_to_the_revoke_threshold()
    {
        Assert.Equal(TrustAction.RiskLevelChange, Step(T0, 45, principal: PrincipalType.Workload).Actions);   // 55
        Assert.Equal(TrustAction.RevokeSession | TrustAction.RiskLevelChange, Step(T0, 20, principal: PrincipalType.Workload).Actions); // 35
    }

    [Fact]
    public void Risk_level_changes_are_published_either_way_once_published_and_a_return_to_none_from_low_is_silent()
    {
        var low = Step(T0, 20, "confidential");                                         // 80 < 85: LOW, nothing published before
        Assert.Equal(TrustAction.RiskLevelChange, low.Actions);
        Assert.Equal(RiskLevel.None, low.PreviousPublishedLevel);
        Assert.Equal(RiskLevel.Low, _state.PublishedRiskLevel);
        Assert.Equal("test", low.RiskReason);

        var medium = Step(T0, 30, "public");                                            // 50: public would not start publishing above 60, but it is published
        Assert.Equal(TrustAction.RiskLevelChange, medium.Actions);
        Assert.Equal(RiskLevel.Low, medium.PreviousPublishedLevel);

        var recovered = Step(T0.AddHours(2), 0, "public");                              // 100 - 50 / 2 = 75: back to LOW
        Assert.Equal(TrustAction.RiskLevelChange, recovered.Actions);
        Assert.Equal(RiskLevel.Medium, recovered.PreviousPublishedLevel);
        Assert.Equal("trust-recovered", recovered.RiskReason);
        Assert.Equal("Trust score 75 (was 50); risk level low (was medium): recovered 25 toward its normal 100 with no signal firing", recovered.Reason);

        Assert.Equal(TrustDecision.None, Step(T0.AddHours(4), 0, "public"));           // 87.5: none; receivers hold LOW already
        Assert.Equal(RiskLevel.None, _state.PublishedRiskLevel);
    }

    [Fact]
    public void From_medium_or_high_a_return_to_none_is_published_as_low()
    {
        Step(T0, 50);                                                                    // 50: MEDIUM published (and a step-up)

        var back = Step(T0.AddHours(4), 0);                                             // 100 - 50 / 4 = 87.5

        Assert.Equal(TrustAction.RiskLevelChange, back.Actions);
        Assert.Equal(RiskLevel.Medium, back.PreviousPublishedLevel);
        Assert.Equal(RiskLevel.None, _state.PublishedRiskLevel);
        Assert.StartsWith("Trust score 88 (was 50); risk level back to low (was medium)", back.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_gives_the_score_the_threshold_and_the_evidence_of_each_finding_still_weighing()
    {
        Step(T0, 30);                                                                    // 70
        var decision = Step(T0.AddMinutes(30), 45);                                      // 25: no recovery, a signal fired

        Assert.True(decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Equal(
            "Trust score 25 (was 70) fell below the revoke threshold 40 for internal resources; risk level high (was low): " +
            "test penalty 30 (-30 at 2024-03-01 08:00:00Z); test penalty 45 (-45 at 2024-03-01 08:30:00Z)",
            decision.Reason);
        Assert.Equal("test", decision.RiskReason);
    }

    [Fact]
    public void The_reason_leaves_out_findings_that_have_decayed_below_a_point()
    {
        // 30 points halve every 2 h: after 10 h, 30 / 32 = 0.94 of a point is left of the first finding.
        Step(T0, 30);
        var decision = Step(T0.AddHours(10), 70);                                       // 100 - 30 + ... no recovery: 70 - 70 = 0

        Assert.True(decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.EndsWith("(was low): test penalty 70 (-70 at 2024-03-01 18:00:00Z)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_step_up_reason_names_the_assurance_asked_for()
    {
        var decision = Step(T0, 35, "restricted");

        Assert.StartsWith("Trust score 65 (was 100) fell below the step-up threshold 70 for restricted resources: re-authenticate at AAL3; risk level low", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void End_to_end_a_burst_then_impossible_travel_revokes_with_both_as_evidence()
    {
        var scorer = TrustScorer.Create(_options, new ScoringContext());
        var policy = new TrustPolicy(_options);
        var state = SignIns.NewState();
        var decisions = new List<TrustDecision>();
        void Run(IdentityEvent signIn) => decisions.Add(policy.Decide(scorer.Assess(signIn, state), signIn, state));

        Run(SignIns.InOslo(T0));
        for (var i = 1; i <= 5; i++)
        {
            Run(SignIns.Failure(T0.AddMinutes(i)));                 // 5th: 100 - 30 x 1.5 = 55: step up, MEDIUM published (55 < 60)
        }

        Run(SignIns.InLagos(T0.AddMinutes(6)));                      // 55 - 45 = 10: revoke, HIGH
        Run(SignIns.InLagos(T0.AddMinutes(7)));                      // still the episode, still high

        Assert.Equal(
            [TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.None, TrustAction.RiskLevelChange | TrustAction.StepUp,
             TrustAction.RevokeSession | TrustAction.RiskLevelChange, TrustAction.None],
            decisions.Select(d => d.Actions));
        var reason = decisions[6].Reason!;
        Assert.StartsWith("Trust score 10 (was 55) fell below the revoke threshold 40 for internal resources; risk level high (was medium): failed sign-in burst: 5 failures in 10 min", reason, StringComparison.Ordinal);
        Assert.Contains("impossible travel: Oslo, NO to Lagos, NG", reason, StringComparison.Ordinal);
        Assert.Equal("failed-sign-in-burst,impossible-travel", decisions[6].RiskReason);
    }

    [Fact]
    public void Deciding_on_an_event_that_changes_nothing_allocates_nothing()
    {
        var events = Enumerable.Range(0, 200).Select(i => SignIns.InOslo(T0.AddMinutes(i))).ToArray();
        var scorer = TrustScorer.Create(_options, new ScoringContext());
        var state = SignIns.NewState();
        for (var i = 0; i < 100; i++)
        {
            _policy.Decide(scorer.Assess(events[i], state), events[i], state);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < events.Length; i++)
        {
            _policy.Decide(scorer.Assess(events[i], state), events[i], state);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_revocation_the_blast_radius_guard_holds_becomes_a_step_up_and_revokes_on_the_next_event_once_confirmed()
    {
        // One active identity: a second revocation is past MinActions 2 and 2 > 50% of 1; one after the confirmation is not.
        var guard = new BlastRadiusGuard(new BlastRadiusOptions { MaxActionShare = 0.5, MinActiveIdentities = 1, MinActions = 2 });
        var policy = new TrustPolicy(_options, guard);
        Assert.Equal(RevocationGate.Allowed, guard.Revoke(PenaltyById.Event(T0, "p0"), out _));
        TrustDecision Guarded(DateTimeOffset at, double penalty)
        {
            var identityEvent = PenaltyById.Event(at, FormattableString.Invariant($"p{penalty}-{Guid.NewGuid():N}"), "internal");
            guard.Observe(identityEvent);
            return policy.Decide(_scorer.Assess(identityEvent, _state), identityEvent, _state);
        }

        var held = Guarded(T0, 65);                                                     // 35 < 40: a revocation, held
        Assert.Equal(TrustAction.StepUp | TrustAction.RiskLevelChange, held.Actions);
        Assert.True(held.TrippedBlastRadiusGuard);
        Assert.Same(guard.Trip, held.RevocationHeldBy);
        Assert.StartsWith(
            "Trust score 35 (was 100) fell below the revoke threshold 40 for internal resources, but the blast-radius guard holds revocations until an analyst confirms (2 revocations among about 1 active identities",
            held.Reason,
            StringComparison.Ordinal);
        Assert.Contains("): re-authenticate at AAL", held.Reason, StringComparison.Ordinal);
        Assert.Null(_state.RevocationEpisode);                                          // left unopened for after the confirmation
        Assert.Equal(ResourceSensitivity.Internal, _state.StepUpEpisode);

        var stillHeld = Guarded(T0, 10);                                                // 25: held again, already asked to step up
        Assert.Equal(TrustAction.None, stillHeld.Actions);
        Assert.False(stillHeld.TrippedBlastRadiusGuard);
        Assert.Same(held.RevocationHeldBy, stillHeld.RevocationHeldBy);
        Assert.StartsWith("Trust score 25 (was 35) fell below the revoke threshold 40 for internal resources, but the blast-radius guard holds", stillHeld.Reason, StringComparison.Ordinal);

        guard.Confirm();
        var revoked = Guarded(T0, 0);                                                   // still 25: the first event after the confirmation revokes
        Assert.Equal(TrustAction.RevokeSession, revoked.Actions);
        Assert.Null(revoked.RevocationHeldBy);
        Assert.Equal(ResourceSensitivity.Internal, _state.RevocationEpisode);
    }

    [Fact]
    public void A_held_revocation_asks_a_step_up_of_a_user_already_asked_one_in_the_episode_once()
    {
        // Already tripped: MinActions 1, and 1 > 50% of the one active identity.
        var guard = new BlastRadiusGuard(new BlastRadiusOptions { MaxActionShare = 0.5, MinActiveIdentities = 1, MinActions = 1 });
        var policy = new TrustPolicy(_options, guard);
        guard.Observe(PenaltyById.Event(T0, "p0"));
        Assert.Equal(RevocationGate.Tripped, guard.Revoke(PenaltyById.Event(T0, "p0"), out _));
        TrustDecision Decide(double penalty)
        {
            var identityEvent = PenaltyById.Event(T0, FormattableString.Invariant($"p{penalty}-{Guid.NewGuid():N}"), "internal");
            return policy.Decide(_scorer.Assess(identityEvent, _state), identityEvent, _state);
        }

        var stepUp = Decide(45);                                                        // 55 < 60: a step-up, nothing held
        Assert.True(stepUp.Actions.HasFlag(TrustAction.StepUp));
        Assert.Null(stepUp.RevocationHeldBy);

        var held = Decide(20);                                                          // 35 < 40: the revocation held becomes a second step-up
        Assert.True(held.Actions.HasFlag(TrustAction.StepUp));
        Assert.False(held.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Same(guard.Trip, held.RevocationHeldBy);
        Assert.Equal(ResourceSensitivity.Internal, _state.HeldRevocationEpisode);

        var heldAgain = Decide(10);                                                     // 25: still held, not asked a third time
        Assert.False(heldAgain.Actions.HasFlag(TrustAction.StepUp));
        Assert.NotNull(heldAgain.RevocationHeldBy);
    }
}
