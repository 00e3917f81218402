using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class NoveltySignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly NoveltySignal _newDevice = new(SignInTrait.Device, new NewDeviceOptions { Penalty = 17 });

    private static IdentityEvent FromDevice(int minutes, string? deviceId, string? os = "Windows 10", string? browser = "Edge 120") =>
        SignIns.Success(T0.AddMinutes(minutes), deviceId: deviceId, os: os, browser: browser);

    private static IdentityEvent From(int minutes, string country, int asn, string userAgent) => new()
    {
        EventId = $"from-{minutes}",
        Timestamp = T0.AddMinutes(minutes),
        IdentityId = SignIns.IdentityId,
        Succeeded = true,
        CountryOrRegion = country,
        AutonomousSystemNumber = asn,
        UserAgent = userAgent,
    };

    private static IdentityState SettledInNorway(int signIns) =>
        SignIns.StateAfter([.. Enumerable.Range(0, signIns).Select(i => From(i, "NO", 2119, "Mozilla/5.0 (Windows NT 10.0) Edge/120"))]);

    [Fact]
    public void Stays_silent_until_the_identity_has_the_minimum_number_of_successes()
    {
        // Two successes (and a failure, which does not count) are fewer than the default three.
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), SignIns.Failure(T0.AddMinutes(1)), FromDevice(2, "laptop"));

        Assert.Null(_newDevice.Evaluate(FromDevice(3, "stranger"), state, SignIns.Context));
    }

    [Fact]
    public void Fires_for_an_unseen_device_id_once_there_is_a_history()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));
        var stranger = SignIns.Success(T0.AddMinutes(3), deviceId: "stranger", os: "Linux", browser: "Firefox 121", deviceName: "kali");

        var fired = Assert.NotNull(_newDevice.Evaluate(stranger, state, SignIns.Context));

        Assert.Equal(NoveltySignal.NewDevice, fired.Signal);
        Assert.Equal(17, fired.Penalty);
        Assert.Equal("new device: kali (stranger), Linux / Firefox 121 (never seen in 3 sign-ins)", fired.Evidence);
    }

    [Fact]
    public void Stays_silent_for_a_known_device_even_from_another_browser()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "phone"), FromDevice(2, "laptop"));

        // The device id decides; the client details only count when there is no id.
        Assert.Null(_newDevice.Evaluate(FromDevice(3, "phone", os: "iOS 17", browser: "Safari"), state, SignIns.Context));
    }

    [Fact]
    public void Without_a_device_id_the_operating_system_and_browser_name_the_device()
    {
        var state = SignIns.StateAfter(FromDevice(0, ""), FromDevice(1, null), FromDevice(2, ""));

        Assert.Null(_newDevice.Evaluate(FromDevice(3, "", os: "Windows 10", browser: "Edge 120"), state, SignIns.Context));

        var finding = _newDevice.Evaluate(FromDevice(4, "", os: "Windows 10", browser: "Chrome 120"), state, SignIns.Context);
        Assert.Equal("new device: unregistered Windows 10 / Chrome 120 (never seen in 3 sign-ins)", Assert.NotNull(finding).Evidence);
    }

    [Fact]
    public void A_sign_in_that_reveals_no_device_at_all_is_not_judged()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));

        Assert.Null(_newDevice.Evaluate(FromDevice(3, null, os: null, browser: null), state, SignIns.Context));
    }

    [Fact]
    public void A_failed_sign_in_from_an_unseen_device_is_not_judged()
    {
        var state = SignIns.StateAfter(FromDevice(0, "laptop"), FromDevice(1, "laptop"), FromDevice(2, "laptop"));

        Assert.Null(_newDevice.Evaluate(SignIns.Failure(T0.AddMinutes(3)), state, SignIns.Context));
    }

    [Fact]
    public void A_new_country_names_the_country_and_the_history_it_is_new_to()
    {
        var signal = new NoveltySignal(SignInTrait.Country, new NewCountryOptions());
        var state = SettledInNorway(212);

        var fired = Assert.NotNull(signal.Evaluate(From(300, "NG", 2119, "Mozilla/5.0 (Windows NT 10.0) Edge/120"), state, SignIns.Context));

        Assert.Equal(NoveltySignal.NewCountry, fired.Signal);
        Assert.Equal(20, fired.Penalty);
        Assert.Equal("new country: NG (never seen in 212 sign-ins)", fired.Evidence);
        Assert.Null(signal.Evaluate(From(301, "NO", 36873, "curl/8.5"), state, SignIns.Context));
    }

    [Fact]
    public void A_new_country_waits_for_its_own_minimum_history()
    {
        // Nine sign-ins: fewer than the ten a new country needs, though more than a new device's three.
        var signal = new NoveltySignal(SignInTrait.Country, new NewCountryOptions());

        Assert.Null(signal.Evaluate(From(300, "NG", 2119, "x"), SettledInNorway(9), SignIns.Context));
        Assert.NotNull(signal.Evaluate(From(300, "NG", 2119, "x"), SettledInNorway(10), SignIns.Context));
    }

    [Fact]
    public void A_new_operator_and_a_new_user_agent_fire_apart_with_their_own_penalties()
    {
        var asn = new NoveltySignal(SignInTrait.AutonomousSystem, new NewAutonomousSystemOptions());
        var userAgent = new NoveltySignal(SignInTrait.UserAgent, new NewUserAgentOptions());
        var state = SettledInNorway(12);
        var signIn = From(300, "NO", 36873, "python-requests/2.31");

        var newAsn = Assert.NotNull(asn.Evaluate(signIn, state, SignIns.Context));
        var newAgent = Assert.NotNull(userAgent.Evaluate(signIn, state, SignIns.Context));

        Assert.Equal((NoveltySignal.NewAutonomousSystem, 10, "new ASN: AS36873 (never seen in 12 sign-ins)"), (newAsn.Signal, newAsn.Penalty, newAsn.Evidence));
        Assert.Equal((NoveltySignal.NewUserAgent, 5, "new user agent: python-requests/2.31 (never seen in 12 sign-ins)"), (newAgent.Signal, newAgent.Penalty, newAgent.Evidence));
    }

    [Fact]
    public void A_penalty_of_zero_switches_a_novelty_off()
    {
        var signal = new NoveltySignal(SignInTrait.Country, new NewCountryOptions { Penalty = 0 });

        Assert.Null(signal.Evaluate(From(300, "NG", 2119, "x"), SettledInNorway(50), SignIns.Context));
    }

    [Fact]
    public void There_is_no_novelty_signal_for_the_network_alone()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoveltySignal(SignInTrait.Network, new NewCountryOptions()));
    }
}
