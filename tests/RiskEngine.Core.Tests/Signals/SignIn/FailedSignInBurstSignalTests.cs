using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class FailedSignInBurstSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly FailedSignInBurstSignal _signal = new(new FailedSignInBurstOptions());

    /// <summary>Evaluates then observes each failure in turn, as the scorer does, and returns what each produced.</summary>
    private List<SignalFinding?> Run(IdentityState state, params int[] minutes)
    {
        var findings = new List<SignalFinding?>();
        foreach (var minute in minutes)
        {
            var failure = SignIns.Failure(T0.AddMinutes(minute));
            findings.Add(_signal.Evaluate(failure, state, SignIns.Context));
            state.Observe(failure);
        }

        return findings;
    }

    [Fact]
    public void Fires_once_on_the_fifth_failure_within_ten_minutes_and_not_again_as_the_burst_goes_on()
    {
        var findings = Run(SignIns.NewState(), 0, 1, 2, 3, 4, 5, 6);

        Assert.Equal([false, false, false, false, true, false, false], findings.Select(f => f.HasValue));
        var fired = findings[4]!.Value;
        Assert.Equal(FailedSignInBurstSignal.SignalName, fired.Signal);
        Assert.Equal(30, fired.Penalty);
        Assert.Equal("failed sign-in burst: 5 failures in 10 min, the last from 198.51.100.9 (Invalid username or password.)", fired.Evidence);
    }

    [Fact]
    public void The_window_includes_a_failure_exactly_ten_minutes_old()
    {
        var findings = Run(SignIns.NewState(), 0, 4, 6, 8, 10);

        Assert.NotNull(findings[4]);
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_fire()
    {
        // Every 3 minutes: at minute 12 the window [2, 12] holds 3, 6 and 9, so this is failure 4 of the window, not 5.
        var findings = Run(SignIns.NewState(), 0, 3, 6, 9, 12, 15, 18, 21);

        Assert.All(findings, f => Assert.Null(f));
    }

    [Fact]
    public void A_success_never_fires_even_after_a_burst()
    {
        var state = SignIns.NewState();
        Run(state, 0, 1, 2, 3);

        Assert.Null(_signal.Evaluate(SignIns.Success(T0.AddMinutes(4)), state, SignIns.Context));
    }
}
