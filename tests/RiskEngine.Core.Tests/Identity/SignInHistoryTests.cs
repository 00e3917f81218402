using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Tests.Signals;

namespace RiskEngine.Core.Tests.Identity;

public sealed class SignInHistoryTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    [Fact]
    public void A_history_with_the_default_layout_costs_at_most_650_bytes()
    {
        // One object and one uint[]: the array is 24 bytes of header and 70 slots of 4 bytes (8 devices, 8 countries,
        // 8 ASNs, 8 networks, 6 user agents, 16 failures, 4 sessions of 4) = 304; the object about 100, and the
        // rare-attributes histories inline in it 200.
        var layout = new SignInHistoryLayout();
        var keep = new SignInHistory[10_000];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = new SignInHistory(layout);
        }

        var perHistory = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)keep.Length;

        Assert.Equal(70, layout.Length);
        Assert.InRange(perHistory, 304 + 200, 650);
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
        var history = new SignInHistory(new SignInHistoryLayout(countries: 2));
        history.Observe(InCountry(0, "NO"));
        history.Observe(InCountry(1, "SE"));
        history.Observe(InCountry(2, "NO")); // NO is now the more recent of the two

        history.Observe(InCountry(3, "DK"));

        Assert.Equal(2, history.KnownCount(SignInTrait.Country));
        Assert.True(history.Knows(SignInTrait.Country, SignInKeys.Of(InCountry(9, "NO")).CountryKey));
        Assert.False(history.Knows(SignInTrait.Country, SignInKeys.Of(InCountry(9, "SE")).CountryKey));
        Assert.True(history.Knows(SignInTrait.Country, SignInKeys.Of(InCountry(9, "DK")).CountryKey));
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

    private static IdentityEvent Full(DateTimeOffset at, string device, string country, int asn) =>
        SignIns.Auth(at, deviceId: device, country: country, asn: asn, sessionId: "s-" + device);

    private static IdentityEvent Denial(DateTimeOffset at) => SignIns.Auth(at, succeeded: false, kind: EventKind.MfaChallenge, mfa: false);

    private static IdentityEvent Approval(DateTimeOffset at) => SignIns.Auth(at, kind: EventKind.MfaChallenge, mfa: true);
}
