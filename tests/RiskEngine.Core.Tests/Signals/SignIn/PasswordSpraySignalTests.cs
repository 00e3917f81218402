using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class PasswordSpraySignalTests
{
    private const string Sprayer = "198.51.100.9";
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly PasswordSprayOptions _options = new() { MinDistinctAccounts = 5 };
    private readonly ScoringContext _context;
    private readonly PasswordSpraySignal _signal;

    public PasswordSpraySignalTests()
    {
        _context = new ScoringContext(new TrustOptions { PasswordSpray = _options });
        _signal = new PasswordSpraySignal(_options);
    }

    /// <summary>Evaluates then observes, as the scorer does.</summary>
    private SignalFinding? Run(IdentityEvent identityEvent)
    {
        var finding = _signal.Evaluate(identityEvent, SignIns.NewState(), _context);
        _signal.Observe(identityEvent, SignIns.NewState(), _context);
        return finding;
    }

    private SignalFinding? Fail(int minute, string account, string ip = Sprayer) =>
        Run(SignIns.Auth(T0.AddMinutes(minute), succeeded: false, ip: ip, identityId: account));

    [Fact]
    public void Fires_on_the_account_that_makes_the_fifth_and_on_every_one_after()
    {
        var findings = Enumerable.Range(0, 7).Select(i => Fail(i, $"user-{i}")).ToList();

        Assert.Equal([false, false, false, false, true, true, true], findings.Select(f => f.HasValue));
        var fifth = findings[4]!.Value;
        Assert.Equal((PasswordSpraySignal.SignalName, 10), (fifth.Signal, fifth.Penalty));
        Assert.Equal("password spray: 198.51.100.9 failed on 5 accounts in 4 min (5 failures, 0 successes), this account among them", fifth.Evidence);
    }

    [Fact]
    public void A_success_from_a_spraying_address_costs_the_higher_penalty()
    {
        for (var i = 0; i < 6; i++)
        {
            Fail(i, $"user-{i}");
        }

        var fired = Assert.NotNull(Run(SignIns.Auth(T0.AddMinutes(7), ip: Sprayer, identityId: "user-9")));

        Assert.Equal(50, fired.Penalty);
        Assert.Equal("password spray: 198.51.100.9 failed on 6 accounts in 7 min (6 failures, 0 successes), then signed in to this account", fired.Evidence);
    }

    [Fact]
    public void Many_guesses_at_one_account_are_not_a_spray()
    {
        Assert.All(Enumerable.Range(0, 20).Select(i => Fail(i, "user-1")), f => Assert.Null(f));
    }

    [Fact]
    public void An_address_where_most_attempts_succeed_is_an_office_not_a_sprayer()
    {
        // 30 successes and 6 failures on 6 accounts: a success share of 30/36, far above 10%.
        for (var i = 0; i < 30; i++)
        {
            Run(SignIns.Auth(T0.AddSeconds(i), ip: Sprayer, identityId: $"colleague-{i}"));
        }

        Assert.All(Enumerable.Range(1, 6).Select(i => Fail(i, $"user-{i}")), f => Assert.Null(f));
    }

    [Fact]
    public void Accounts_outside_the_window_start_a_new_count()
    {
        // Four accounts at minutes 0-3, then 31 minutes later the window has restarted: one more is one, not five.
        for (var i = 0; i < 4; i++)
        {
            Fail(i, $"user-{i}");
        }

        Assert.Null(Fail(34, "user-4"));
    }

    [Fact]
    public void Workloads_and_events_without_an_address_are_not_counted()
    {
        for (var i = 0; i < 6; i++)
        {
            Run(SignIns.Auth(T0.AddMinutes(i), succeeded: false, ip: Sprayer, identityId: $"app-{i}", principal: PrincipalType.Workload));
            Run(SignIns.Auth(T0.AddMinutes(i), succeeded: false, ip: null, identityId: $"user-{i}"));
        }

        Assert.Null(Fail(7, "user-7"));
    }
}
