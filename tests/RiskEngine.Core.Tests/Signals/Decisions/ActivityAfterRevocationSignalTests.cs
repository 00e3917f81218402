using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Decisions;
using RiskEngine.Core.Trust;
using static RiskEngine.Core.Tests.Signals.Mesh.Requests;

namespace RiskEngine.Core.Tests.Signals.Decisions;

public sealed class ActivityAfterRevocationSignalTests
{
    private static readonly DateTimeOffset RevokedAt = T0;

    private readonly TrustScorer _scorer = ScorerOf(new ActivityAfterRevocationSignal(new ActivityAfterRevocationOptions()));

    /// <summary>A state the policy revoked at <see cref="RevokedAt"/>: the scorer set the score, then the policy the episode.</summary>
    private static IdentityState Revoked()
    {
        var state = NewState();
        state.SetTrustScore(30, RevokedAt);
        state.InRevokedEpisode = true;
        return state;
    }

    private static IdentityEvent SignIn(DateTimeOffset at, bool interactive) => new()
    {
        EventId = $"signin-{at.Ticks}",
        Timestamp = at,
        IdentityId = Cart,
        Succeeded = true,
        Interactive = interactive,
        AppDisplayName = "Outlook",
        IpAddress = "198.51.100.4",
    };

    [Fact]
    public void A_request_answered_after_the_grace_period_fires_with_the_revocation_named()
    {
        var fired = Assert.Single(_scorer.Run(Revoked(), [To("payments", RevokedAt.AddMinutes(10))]));

        Assert.Equal(ActivityAfterRevocationSignal.SignalName, fired.Signal);
        Assert.Equal(20, fired.Penalty);
        Assert.Equal("activity after revocation: GET /v1/items to payments answered 200, 10 min after the revocation at 2024-03-01 08:00:00Z", fired.Evidence);
    }

    [Fact]
    public void Activity_in_the_grace_period_or_refused_by_an_enforcement_point_does_not_fire()
    {
        var findings = _scorer.Run(Revoked(), [
            To("payments", RevokedAt.AddSeconds(90)),
            To("payments", RevokedAt.AddMinutes(3), status: 403),
            PolicyDecisions.Denied(RevokedAt.AddMinutes(4)),
        ]);

        Assert.Empty(findings);
    }

    [Fact]
    public void An_allowed_policy_decision_fires()
    {
        var fired = Assert.Single(_scorer.Run(Revoked(), [PolicyDecisions.Allowed(RevokedAt.AddMinutes(3), "/payroll/2024", "DELETE")]));

        Assert.StartsWith("activity after revocation: OPA allowed DELETE /payroll/2024, 3 min after", fired.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_busy_unenforced_workload_fires_once_per_repeat_interval()
    {
        // A request every 30 s from minute 3 to minute 20: findings at 3, 8, 13 and 18 minutes, 5 minutes apart.
        var requests = Enumerable.Range(6, 35).Select(half => To("payments", RevokedAt.AddSeconds(30 * half)));

        var state = Revoked();
        var findings = _scorer.Run(state, requests);

        Assert.Equal(4, findings.Count);
        Assert.Equal([3, 8, 13, 18], state.RecentFindings.Select(f => (f.At - RevokedAt).TotalMinutes));
    }

    [Fact]
    public void A_token_refresh_fires_but_an_interactive_sign_in_is_the_reauthentication_asked_for_and_ends_the_findings()
    {
        var state = Revoked();

        var refresh = _scorer.Run(state, [SignIn(RevokedAt.AddMinutes(3), interactive: false)]);
        var reauthentication = _scorer.Run(state, [SignIn(RevokedAt.AddMinutes(20), interactive: true)]);
        var afterwards = _scorer.Run(state, [To("payments", RevokedAt.AddMinutes(30)), SignIn(RevokedAt.AddMinutes(40), interactive: false)]);

        Assert.Equal(
            "activity after revocation: non-interactive sign-in to Outlook from 198.51.100.4, 3 min after the revocation at 2024-03-01 08:00:00Z",
            Assert.Single(refresh).Evidence);
        Assert.Empty(reauthentication);
        Assert.Empty(afterwards);
    }

    [Fact]
    public void Nothing_fires_outside_a_revoked_episode()
    {
        var state = Revoked();
        state.InRevokedEpisode = false;

        Assert.Empty(_scorer.Run(state, [To("payments", RevokedAt.AddMinutes(10))]));
        Assert.Empty(_scorer.Run(NewState(), [To("payments", RevokedAt.AddMinutes(10))]));
    }

    [Fact]
    public void The_revocation_time_is_the_event_time_of_the_event_that_revoked()
    {
        var options = new TrustOptions();
        var scorer = new TrustScorer(options, [new Penalty70()], new ScoringContext());
        var policy = new TrustPolicy(options);
        var state = NewState();

        var revoking = To("payments", T0.AddHours(2));
        var decision = policy.Decide(scorer.Assess(revoking, state), revoking, state);

        Assert.True(decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.Equal(T0.AddHours(2), state.RevokedAt);
    }

    private sealed class Penalty70 : ISignal
    {
        public string Name => "penalty-70";

        public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context) => new SignalFinding(Name, 70, "test");

        public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
        {
        }
    }
}
