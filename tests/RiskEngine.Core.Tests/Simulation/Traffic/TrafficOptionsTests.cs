using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

public sealed class TrafficOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_plan_every_attack_and_look_alike()
    {
        var simulator = new TrafficSimulator(new TrafficOptions());

        Assert.Equal(ScenarioKinds.Attacks.Concat(ScenarioKinds.LookAlikes).Order(), simulator.Scenarios.Select(s => s.Kind).Distinct().Order());
        Assert.Equal(ScenarioMix.Default.Kinds.Sum(k => k.Count), simulator.Scenarios.Count);
        Assert.Equal(simulator.Scenarios.Count, simulator.Scenarios.Select(s => s.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(nameof(TrafficOptions.Identities))]
    [InlineData(nameof(TrafficOptions.OktaShare))]
    [InlineData(nameof(TrafficOptions.Duration))]
    [InlineData(nameof(TrafficOptions.MeshRate))]
    [InlineData(nameof(TrafficOptions.TenantId))]
    public void Invalid_settings_are_rejected_by_name(string setting)
    {
        var options = setting switch
        {
            nameof(TrafficOptions.Identities) => new TrafficOptions { Identities = 0 },
            nameof(TrafficOptions.OktaShare) => new TrafficOptions { OktaShare = 1.5 },
            nameof(TrafficOptions.Duration) => new TrafficOptions { Duration = TimeSpan.FromHours(12) },
            nameof(TrafficOptions.MeshRate) => new TrafficOptions { MeshRate = 0 },
            _ => new TrafficOptions { TenantId = "contoso" },
        };

        var error = Assert.Throws<ArgumentException>(() => new TrafficSimulator(options));
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void A_population_too_small_for_the_mix_is_rejected_by_naming_identities()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrafficSimulator(new TrafficOptions { Identities = 20 }));

        Assert.Equal(nameof(TrafficOptions.Identities), error.ParamName);
    }

    [Fact]
    public void A_mix_is_all_none_or_a_list_of_kinds_with_counts()
    {
        var mix = ScenarioMix.Parse("impossible-travel=3, password-spray", "none");

        Assert.Equal([("impossible-travel", 3), ("password-spray", 1)], mix.Kinds);
        Assert.Equal(ScenarioMix.Default.Kinds, ScenarioMix.Parse("all", "all").Kinds);
        Assert.Empty(ScenarioMix.Parse("none", "none").Kinds);
        Assert.Equal([("benign-vpn", 2)], ScenarioMix.Parse("none", "benign-vpn=2").Kinds);
        Assert.Equal("impossible-travel=3,password-spray=1", mix.ToString());
    }

    [Theory]
    [InlineData("teleportation", "none")]
    [InlineData("benign-travel", "none")]
    [InlineData("none", "impossible-travel")]
    [InlineData("scanning=-1", "none")]
    [InlineData("scanning=lots", "none")]
    [InlineData("scanning=1001", "none")]
    public void A_mix_naming_an_unknown_kind_or_a_bad_count_is_refused(string attacks, string lookAlikes)
    {
        Assert.Throws<FormatException>(() => ScenarioMix.Parse(attacks, lookAlikes));
    }

    [Fact]
    public void Only_the_mix_asked_for_is_planned()
    {
        var simulator = new TrafficSimulator(new TrafficOptions { Identities = 30, Scenarios = ScenarioMix.Parse("mfa-fatigue=2", "none") });

        Assert.Equal(["mfa-fatigue-1", "mfa-fatigue-2"], simulator.Scenarios.Select(s => s.Id));
    }
}
