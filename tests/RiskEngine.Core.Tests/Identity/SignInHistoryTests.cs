using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Tests.Signals;

namespace RiskEngine.Core.Tests.Identity;

public sealed class SignInHistoryTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    [Fact]
    public void A_history_with_the_default_layout_costs_at_most_540_bytes()
    {
        // One object and one uint[]: the array is 24 bytes of header and 48 slots of 4 bytes (8 devices, 8 networks,
        // 16 failures, 4 sessions of 4) = 216; the object about 100, and the rare-attributes histories inline in it
        // 200, which also hold the countries, autonomous systems and user agents.
        var layout = new SignInHistoryLayout();
        var keep = new SignInHistory[10_000];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = new SignInHistory(layout);
        }

        var perHistory = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)keep.Length;

        Assert.Equal(48, layout.Length);
        Assert.InRange(perHistory, 216 + 200, 540);
    }

    [Fact]
    public void Learning_from_sign_ins_allocates_nothing()
    {
        var history = new SignInHistory(new SignInHistoryLayout());
        var signIns = Enumerable.Range(0, 50).Select(i => Full(T0.AddMinutes(i), $"device-{i % 12}", $"C{i % 10}", 64500 + (i % 9))).ToArray();
        history.Observe(signIns[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var signIn in signIns)
        {
            history.Observe(signIn);
            history.Knows(SignInTrait.Country, SignInKeys.Of(signIn).CountryKey);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void When_a_set_is_full_the_value_used_longest_ago_makes_room()
    {
        var history = new SignInHistory(new SignInHistoryLayout(devices: 2));
        history.Observe(OnDevice(0, "laptop"));
        history.Observe(OnDevice(1, "phone"));
        history.Observe(OnDevice(2, "laptop")); // the laptop is now the more recent of the two

        history.Observe(OnDevice(3, "tablet"));

        Assert.Equal(2, history.KnownCount(SignInTrait.Device));
        Assert.True(history.Knows(SignInTrait.Device, SignInKeys.Of(OnDevice(9, "laptop")).DeviceKey));
        Assert.False(history.Knows(SignInTrait.Device, SignInKeys.Of(OnDevice(9, "phone")).DeviceKey));
        Assert.True(history.Knows(SignInTrait.Device, SignInKeys.Of(OnDevice(9, "tablet")).DeviceKey));
    }

    [Fact]
    public void Countries_autonomous_systems_and_user_agents_are_known_from_the_rare_attributes_counts()
    {
        var history = new SignInHistory(new SignInHistoryLayout());
        var home = Full(T0, "d", "NO", 2119);
        history.Observe(home);
        history.Observe(home);
        history.Observe(SignIns.Failure(T0.AddMinutes(1), SignIns.Lagos)); // a failure teaches nothing

        var homeKeys = SignInKeys.Of(home);
        var lagosKeys = SignInKeys.Of(SignIns.InLagos(T0.AddMinutes(2)));
        Assert.Equal(0, history.KnownCount(SignInTrait.Country));
        Assert.Equal(2u, history.FeatureHistories[CategoricalFeature.Country].Total);
        Assert.True(history.Knows(SignInTrait.Country, homeKeys.CountryKey));
        Assert.True(history.Knows(SignInTrait.AutonomousSystem, homeKeys.AutonomousSystemKey));
        Assert.True(history.Knows(SignInTrait.UserAgent, homeKeys.UserAgentKey));
        Assert.False(history.Knows(SignInTrait.Country, lagosKeys.CountryKey));
        Assert.False(history.Knows(SignInTrait.AutonomousSystem, lagosKeys.AutonomousSystemKey));

        // Six countries fit; a seventh takes the place of the least counted (the first of equals), SE, seen once,
        // not NO, seen twice.
        foreach (var (country, minute) in new[] { ("SE", 3), ("DK", 4), ("FI", 5), ("IS", 6), ("DE", 7) })
        {
            history.Observe(InCountry(minute, country));
        }

        history.Observe(InCountry(8, "NL"));
        Assert.True(history.Knows(SignInTrait.Country, homeKeys.CountryKey));
        Assert.False(history.Knows(SignInTrait.Country, SignInKeys.Of(InCountry(9, "SE")).CountryKey));
        Assert.True(history.Knows(SignInTrait.Country, SignInKeys.Of(InCountry(9, "NL")).CountryKey));
    }

    [Fact]
    public void The_last_successful_sign_in_keeps_its_facts_and_an_older_one_does_not_replace_it()
    {
        var history = new SignInHistory(new SignInHistoryLayout());
        history.Observe(SignIns.InLagos(T0.AddHours(2)));
        history.Observe(SignIns.InOslo(T0)); // late: older than what is known
        history.Observe(SignIns.Failure(T0.AddHours(3), SignIns.Oslo));

        var last = Assert.NotNull(history.LastSuccessfulSignIn);
        Assert.Equal(T0.AddHours(2), last.Timestamp);
        Assert.Equal("Lagos, NG", last.DescribeLocation());
        Assert.Equal(36873, last.AutonomousSystemNumber);
        Assert.Equal(2, history.SuccessfulSignIns);
    }

    [Fact]
    public void Failures_are_counted_in_a_window_and_mfa_denials_apart_since_the_last_approval()
    {
        var history = new SignInHistory(new SignInHistoryLayout());
        history.Observe(SignIns.Failure(T0));
        history.Observe(Denial(T0.AddMinutes(1)));
        history.Observe(Denial(T0.AddMinutes(2)));
        history.Observe(Approval(T0.AddMinutes(3)));
        history.Observe(Denial(T0.AddMinutes(4)));

        Assert.Equal(4, history.FailuresBetween(T0, T0.AddMinutes(10)));
        Assert.Equal(2, history.FailuresBetween(T0.AddMinutes(1), T0.AddMinutes(2)));

        // Only the denial after the approval at +3 min counts, and it is the first of its run.
        Assert.Equal(1, history.MfaDenialsSinceApproval(T0, T0.AddMinutes(10), out var first));
        Assert.Equal(T0.AddMinutes(4), first);
    }

    [Fact]
    public void The_failure_ring_forgets_the_oldest_when_full()
    {
        var history = new SignInHistory(new SignInHistoryLayout(failures: 3));
        for (var i = 0; i < 5; i++)
        {
            history.Observe(SignIns.Failure(T0.AddMinutes(i)));
        }

        // Minutes 2, 3 and 4 are kept; 0 and 1 made room.
        Assert.Equal(3, history.FailuresBetween(T0, T0.AddMinutes(10)));
        Assert.Equal(0, history.FailuresBetween(T0, T0.AddMinutes(1)));
    }

    [Fact]
    public void Habits_count_only_what_the_sign_ins_said()
    {
        var history = new SignInHistory(new SignInHistoryLayout());
        history.Observe(SignIns.Auth(T0, mfa: true, compliant: true));
        history.Observe(SignIns.Auth(T0, mfa: false, managed: false));
        history.Observe(SignIns.Auth(T0, legacy: true));
        history.Observe(SignIns.Auth(T0, mfa: true, interactive: false)); // a refresh says nothing of MFA
        history.Observe(SignIns.Auth(T0));

        Assert.Equal(new Share(3, 1), history.Mfa);
        Assert.Equal(new Share(1, 1), history.CompliantDevices);
        Assert.Equal(new Share(1, 0), history.ManagedDevices);
    }

    private static IdentityEvent InCountry(int minutes, string country) => Full(T0.AddMinutes(minutes), "d", country, 1);

    private static IdentityEvent OnDevice(int minutes, string device) => Full(T0.AddMinutes(minutes), device, "NO", 1);

    private static IdentityEvent Full(DateTimeOffset at, string device, string country, int asn) =>
        SignIns.Auth(at, deviceId: device, country: country, asn: asn, sessionId: "s-" + device);

    private static IdentityEvent Denial(DateTimeOffset at) => SignIns.Auth(at, succeeded: false, kind: EventKind.MfaChallenge, mfa: false);

    private static IdentityEvent Approval(DateTimeOffset at) => SignIns.Auth(at, kind: EventKind.MfaChallenge, mfa: true);
}
