using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.Models;

namespace RiskEngine.Core.Tests.Signals.Models;

public sealed class RareAttributesSignalTests
{
    private const string OfficeAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly RareAttributesSignal _signal = new(new RareAttributesOptions
    {
        MinimumPopulationSignIns = 100,
        Population = new PopulationFrequenciesOptions { IpAddressCapacity = 1024, AsnCapacity = 64, CountryCapacity = 64, UserAgentCapacity = 64, DeviceCapacity = 64 },
    });

    private readonly ScoringContext _context = new();
    private readonly IdentityState _alice = new("alice", new SignInHistoryLayout());

    public RareAttributesSignalTests()
    {
        // Fifty colleagues sign in from the office network in Oslo with the standard build; Alice six times from her desk.
        for (var colleague = 0; colleague < 50; colleague++)
        {
            var state = new IdentityState($"colleague-{colleague}", new SignInHistoryLayout());
            for (var day = 0; day < 3; day++)
            {
                Learn(state, SignIn(T0.AddDays(day), $"10.1.0.{colleague}"));
            }
        }

        for (var day = 0; day < 6; day++)
        {
            Learn(_alice, SignIn(T0.AddDays(day), "10.1.0.200"));
        }
    }

    [Fact]
    public void The_identitys_own_habits_are_not_rare()
    {
        Assert.Null(_signal.Evaluate(SignIn(T0.AddDays(7), "10.1.0.200"), _alice, _context));
    }

    [Fact]
    public void A_new_address_in_the_office_network_with_the_standard_build_is_new_to_her_but_common_so_not_rare()
    {
        Assert.Null(_signal.Evaluate(SignIn(T0.AddDays(7), "10.1.0.77"), _alice, _context));
    }

    [Fact]
    public void A_rare_client_from_a_network_and_country_nobody_uses_is_rare_and_the_evidence_names_the_values()
    {
        var attacker = SignIn(T0.AddDays(7), "102.89.3.4", country: "NG", asn: 37148, os: "Linux", browser: "Firefox 115", userAgent: "python-requests/2.31");

        var finding = Assert.NotNull(_signal.Evaluate(attacker, _alice, _context));
        Assert.Equal(RareAttributesSignal.SignalName, finding.Signal);
        Assert.InRange(finding.Penalty, 12.5, 25);
        Assert.StartsWith("rare sign-in attributes: ", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("location NG/AS37148/102.89.3.4 x", finding.Evidence, StringComparison.Ordinal);
        Assert.Contains("device Linux/Firefox 115 x", finding.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identity_with_too_little_history_is_not_judged_yet()
    {
        var newcomer = new IdentityState("newcomer", new SignInHistoryLayout());
        Learn(newcomer, SignIn(T0, "10.1.0.201"));
        Assert.Null(_signal.Evaluate(SignIn(T0.AddHours(1), "102.89.3.4", country: "NG", asn: 37148, userAgent: "python-requests/2.31"), newcomer, _context));
    }

    [Fact]
    public void Nothing_is_rare_while_the_population_is_too_small_to_say()
    {
        var signal = new RareAttributesSignal(new RareAttributesOptions { MinimumPopulationSignIns = 1_000, Population = new PopulationFrequenciesOptions { IpAddressCapacity = 1024, AsnCapacity = 64, CountryCapacity = 64, UserAgentCapacity = 64, DeviceCapacity = 64 } });
        Assert.Null(signal.Evaluate(SignIn(T0.AddDays(7), "102.89.3.4", country: "NG", asn: 37148, userAgent: "python-requests/2.31"), _alice, _context));
    }

    [Fact]
    public void Failed_attempts_teach_neither_the_identity_nor_the_population()
    {
        var before = _alice.SignIns!.FeatureHistories[CategoricalFeature.Country].Total;
        var population = _context.Population!.Total(CategoricalFeature.Country);
        Learn(_alice, SignIn(T0.AddDays(7), "102.89.3.4", country: "NG", asn: 37148, succeeded: false));

        Assert.Equal(before, _alice.SignIns!.FeatureHistories[CategoricalFeature.Country].Total);
        Assert.Equal(population, _context.Population.Total(CategoricalFeature.Country));
    }

    /// <summary>As the scorer learns: the signal counts the population's values, the identity's sign-in history its own.</summary>
    private void Learn(IdentityState state, IdentityEvent signIn)
    {
        _signal.Observe(signIn, state, _context);
        state.Observe(signIn);
    }

    private static IdentityEvent SignIn(
        DateTimeOffset at, string ip, string country = "NO", int asn = 2119, string os = "Windows 10", string browser = "Edge 120", string userAgent = OfficeAgent, bool succeeded = true) => new()
    {
        EventId = $"{ip}-{at.Ticks}",
        Timestamp = at,
        IdentityId = "any",
        Succeeded = succeeded,
        IpAddress = ip,
        AutonomousSystemNumber = asn,
        CountryOrRegion = country,
        OperatingSystem = os,
        Browser = browser,
        UserAgent = userAgent,
    };
}
