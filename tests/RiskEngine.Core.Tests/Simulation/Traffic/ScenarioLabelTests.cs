using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>Every planned scenario shows in the labels, with the instance ids and attack start times recall is counted by.</summary>
public sealed class ScenarioLabelTests
{
    private static DecodedRun Run => DecodedRun.Standard;

    public static TheoryData<string> Attacks => [.. ScenarioKinds.Attacks];

    public static TheoryData<string> LookAlikes => [.. ScenarioKinds.LookAlikes];

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Every_attack_kind_occurs_as_often_as_the_mix_says_and_is_labelled_malicious(string kind)
    {
        var labels = Run.Messages.Select(m => m.Label).Where(l => l.Kind == kind).ToList();

        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.True(l.Malicious));
        Assert.Equal(ScenarioMix.Default.Count(kind), labels.Select(l => l.ScenarioId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Every_look_alike_occurs_as_often_as_the_mix_says_and_is_labelled_benign(string kind)
    {
        var labels = Run.Messages.Select(m => m.Label).Where(l => l.Kind == kind).ToList();

        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.False(l.Malicious));
        Assert.All(labels, l => Assert.Null(l.AttackStartedAt));
        Assert.Equal(ScenarioMix.Default.Count(kind), labels.Select(l => l.ScenarioId).Distinct().Count());
    }

    [Fact]
    public void Every_planned_instance_labels_events_of_its_targets_and_nothing_else_does()
    {
        var labelled = Run.Messages.Select(m => m.Label).Where(l => l.ScenarioId is not null).ToLookup(l => l.ScenarioId!);

        Assert.All(Run.Simulator.Scenarios, instance =>
        {
            var labels = labelled[instance.Id].ToList();
            Assert.NotEmpty(labels);
            Assert.All(labels, l => Assert.Equal(instance.Kind, l.Kind));
            Assert.All(labels, l => Assert.Contains(l.IdentityId, instance.Targets));
        });
        Assert.Equal(Run.Simulator.Scenarios.Select(s => s.Id).Order(), labelled.Select(g => g.Key).Order());
    }

    [Fact]
    public void An_attack_starts_at_its_first_malicious_event_and_every_one_of_its_labels_says_so()
    {
        var attacks = Run.Messages.Select(m => m.Label).Where(l => l.Malicious).GroupBy(l => l.ScenarioId!);

        Assert.All(attacks, attack =>
        {
            var first = attack.Min(l => l.Time);
            Assert.All(attack, l => Assert.Equal(first, l.AttackStartedAt));
        });
    }

    [Fact]
    public void Ordinary_traffic_is_benign_without_an_instance_and_outnumbers_everything_else()
    {
        var labels = Run.Messages.Select(m => m.Label).ToList();
        var ordinary = labels.Where(l => l.Kind == ScenarioKinds.Benign).ToList();

        Assert.All(ordinary, l => Assert.False(l.Malicious));
        Assert.All(ordinary, l => Assert.Null(l.ScenarioId));
        Assert.All(labels.Where(l => l.Kind != ScenarioKinds.Benign), l => Assert.NotNull(l.ScenarioId));
        Assert.True(ordinary.Count > labels.Count * 9 / 10, $"{ordinary.Count} of {labels.Count} ordinary");
    }

    [Fact]
    public void A_spray_labels_every_account_it_tries_and_a_brute_force_only_its_victim()
    {
        var spray = Run.Simulator.Scenarios.Single(s => s.Kind == ScenarioKinds.PasswordSpray);
        var bruteForce = Run.Simulator.Scenarios.Single(s => s.Kind == ScenarioKinds.BruteForce);

        Assert.InRange(spray.Targets.Count, 10, 20);
        Assert.Single(bruteForce.Targets);
    }
}
