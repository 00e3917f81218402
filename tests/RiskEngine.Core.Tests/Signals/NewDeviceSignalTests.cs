using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Tests.Signals;

public sealed class NewDeviceSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly NewDeviceSignal _signal = new(new NewDeviceOptions { Penalty = 17 });

    private static IdentityEvent FromDevice(int minutes, string? deviceId, string? os = "Windows 10", string? browser = "Edge 120") =>
        SignIns.Success(T0.AddMinutes(minutes), deviceId: deviceId, os: os, browser: browser);

    [Fact]
    public void Stays_silent_until_the_identity_has_the_minimum_number_of_successes()
    {
        // Two successes (and a failure, which does not count) are fewer than the default three.
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), SignIns.Failure(T0.AddMinutes(1)), FromDevice(2, "laptop"));

        Assert.Null(_signal.Evaluate(FromDevice(3, "stranger"), state, SignIns.Context));
    }

    [Fact]
    public void Fires_for_an_unseen_device_id_once_there_is_a_history()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));
        var stranger = SignIns.Success(T0.AddMinutes(3), deviceId: "stranger", os: "Linux", browser: "Firefox 121", deviceName: "kali");

        var finding = _signal.Evaluate(stranger, state, SignIns.Context);

        var fired = Assert.NotNull(finding);
        Assert.Equal(NewDeviceSignal.SignalName, fired.Signal);
        Assert.Equal(17, fired.Penalty);
        Assert.Equal("new device: kali (stranger, Linux / Firefox 121), not among the 1 device(s) of 3 earlier sign-ins", fired.Evidence);
    }

    [Fact]
    public void Stays_silent_for_a_known_device_even_from_another_browser()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "phone"), FromDevice(2, "laptop"));

        // The device id decides; the client details only count when there is no id.
        Assert.Null(_signal.Evaluate(FromDevice(3, "phone", os: "iOS 17", browser: "Safari"), state, SignIns.Context));
    }

    [Fact]
    public void Without_a_device_id_the_operating_system_and_browser_name_the_device()
    {
        var state = SignIns.StateAfter(FromDevice(0, ""), FromDevice(1, null), FromDevice(2, ""));

        Assert.Null(_signal.Evaluate(FromDevice(3, "", os: "Windows 10", browser: "Edge 120"), state, SignIns.Context));

        var finding = _signal.Evaluate(FromDevice(4, "", os: "Windows 10", browser: "Chrome 120"), state, SignIns.Context);
        Assert.Equal("new device: unregistered Windows 10 / Chrome 120, not among the 1 device(s) of 3 earlier sign-ins", Assert.NotNull(finding).Evidence);
    }

    [Fact]
    public void A_sign_in_that_reveals_no_device_at_all_is_not_judged()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));

        Assert.Null(_signal.Evaluate(FromDevice(3, null, os: null, browser: null), state, SignIns.Context));
    }

    [Fact]
    public void A_failed_sign_in_from_an_unseen_device_is_not_judged()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));
        var failure = SignIns.Failure(T0.AddMinutes(3));

        Assert.Null(_signal.Evaluate(failure, state, SignIns.Context));
    }
}
