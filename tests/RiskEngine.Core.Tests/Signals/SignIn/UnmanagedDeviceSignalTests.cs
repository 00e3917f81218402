using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class UnmanagedDeviceSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly UnmanagedDeviceSignal _signal = new(new UnmanagedDeviceOptions());

    private static IdentityState After(int compliant, int notCompliant) => SignIns.StateAfter(
    [
        .. Enumerable.Range(0, compliant).Select(i => SignIns.Auth(T0.AddMinutes(i), compliant: true, managed: true)),
        .. Enumerable.Range(0, notCompliant).Select(i => SignIns.Auth(T0.AddHours(1).AddMinutes(i), compliant: false, managed: true)),
    ]);

    [Fact]
    public void A_non_compliant_device_fires_where_compliant_ones_are_the_habit()
    {
        // 18 of 19 = 95%, above the 90% habit.
        var state = After(compliant: 18, notCompliant: 1);

        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), compliant: false, managed: false, deviceId: "kali"), state, SignIns.Context));

        Assert.Equal((UnmanagedDeviceSignal.SignalName, 15), (fired.Signal, fired.Penalty));
        Assert.Equal("unmanaged device: kali is not compliant, where 18 of 19 earlier sign-ins were from compliant devices", fired.Evidence);
    }

    [Fact]
    public void Where_unmanaged_devices_are_usual_it_stays_silent()
    {
        // 8 of 10 = 80%: a mixed habit, below 90%.
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), compliant: false, deviceId: "kali"), After(compliant: 8, notCompliant: 2), SignIns.Context));
    }

    [Fact]
    public void A_device_the_identity_already_uses_is_not_news()
    {
        // device-1 signed in before (compliant then); its posture now is judged by compliance policy, not by us.
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), compliant: false), After(compliant: 20, notCompliant: 0), SignIns.Context));
    }

    [Fact]
    public void Too_little_history_or_a_device_that_says_nothing_is_not_judged()
    {
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), compliant: false, deviceId: "kali"), After(compliant: 9, notCompliant: 0), SignIns.Context));
        Assert.Null(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), deviceId: "kali"), After(compliant: 20, notCompliant: 0), SignIns.Context));
    }

    [Fact]
    public void An_unmanaged_device_fires_on_the_managed_habit_when_compliance_is_not_said()
    {
        var state = After(compliant: 12, notCompliant: 0);

        var fired = Assert.NotNull(_signal.Evaluate(SignIns.Auth(T0.AddDays(1), managed: false, deviceId: null), state, SignIns.Context));

        Assert.Equal("unmanaged device: Windows 10 / Edge 120 is not managed, where 12 of 12 earlier sign-ins were from managed devices", fired.Evidence);
    }
}
