using RiskEngine.Core.Events;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class MfaFatigueSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly MfaFatigueSignal _signal = new(new MfaFatigueOptions());

    private static IdentityEvent Denied(double minutes) => SignIns.Auth(T0.AddMinutes(minutes), succeeded: false, kind: EventKind.MfaChallenge, mfa: false);

    private static IdentityEvent Approved(double minutes) => SignIns.Auth(T0.AddMinutes(minutes), kind: EventKind.MfaChallenge, mfa: true, ip: "203.0.113.7");

    [Fact]
    public void Seven_denials_then_an_approval_fires_at_the_approval()
    {
        var state = SignIns.StateAfter([.. Enumerable.Range(0, 7).Select(i => Denied(i * 0.5))]);

        var fired = Assert.NotNull(_signal.Evaluate(Approved(4), state, SignIns.Context));

        // Denials at 0, 0.5 ... 3 min; approved at 4 min: 7 denials over 4 minutes.
        Assert.Equal((MfaFatigueSignal.SignalName, 50), (fired.Signal, fired.Penalty));
        Assert.Equal("MFA fatigue: 7 denied MFA prompts in 4 min, then approved from 203.0.113.7 (an unknown location)", fired.Evidence);
    }

    [Fact]
    public void Entra_sign_ins_failing_the_second_factor_count_as_denials()
    {
        // What the Entra decoder makes of error 500121: a failed sign-in whose MFA was not satisfied.
        var state = SignIns.StateAfter([.. Enumerable.Range(0, 3).Select(i => SignIns.Auth(T0.AddMinutes(i), succeeded: false, mfa: false))]);

        Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(5), mfa: true), state, SignIns.Context));
    }

    [Fact]
    public void Fewer_denials_pushes_merely_sent_and_wrong_passwords_do_not_count()
    {
        var state = SignIns.StateAfter(
            Denied(0),
            Denied(1),
            SignIns.Auth(T0.AddMinutes(2), succeeded: false, kind: EventKind.MfaChallenge), // an Okta push sent: not yet answered
            SignIns.Failure(T0.AddMinutes(3)));

        Assert.Null(_signal.Evaluate(Approved(4), state, SignIns.Context));
    }

    [Fact]
    public void Denials_older_than_the_window_do_not_count()
    {
        var state = SignIns.StateAfter(Denied(0), Denied(1), Denied(2));

        // The window is 15 minutes: at 16.5 min only the denial at 2 min is inside it.
        Assert.Null(_signal.Evaluate(Approved(16.5), state, SignIns.Context));
    }

    [Fact]
    public void One_run_of_denials_is_answered_by_one_approval_only()
    {
        var state = SignIns.StateAfter(Denied(0), Denied(1), Denied(2));
        Assert.NotNull(_signal.Evaluate(Approved(3), state, SignIns.Context));

        state.Observe(Approved(3));

        Assert.Null(_signal.Evaluate(Approved(5), state, SignIns.Context));
    }

    [Fact]
    public void A_denial_or_a_sign_in_without_mfa_is_not_an_approval()
    {
        var state = SignIns.StateAfter(Denied(0), Denied(1), Denied(2));

        Assert.Null(_signal.Evaluate(Denied(3), state, SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddMinutes(3)), state, SignIns.Context));
    }
}
