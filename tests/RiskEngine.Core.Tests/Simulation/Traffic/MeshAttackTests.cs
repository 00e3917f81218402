using RiskEngine.Core.Events;
using RiskEngine.Simulation.Labels;
using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Core.Tests.Simulation.Traffic;

/// <summary>Each attack by a workload stands out, in its access log as decoded, from the workload's ordinary traffic.</summary>
public sealed class MeshAttackTests
{
    private static DecodedRun Run => DecodedRun.Standard;

    [Fact]
    public void Every_mesh_attack_happens_once_on_istio_and_once_on_linkerd_each_by_a_workload_of_its_own()
    {
        foreach (var kind in new[] { ScenarioKinds.LateralMovement, ScenarioKinds.RequestRateSpike, ScenarioKinds.Scanning, ScenarioKinds.Exfiltration })
        {
            var sources = Run.Instances(kind).Select(i => i.First(e => e.Event.Kind == EventKind.ServiceRequest).Event.Source).Order().ToList();
            Assert.Equal([EventSource.Envoy, EventSource.Linkerd], sources);
        }

        var attackers = Run.Simulator.Scenarios.Where(s => ScenarioKinds.Mesh.Contains(s.Kind)).Select(s => Assert.Single(s.Targets)).ToList();
        Assert.Equal(attackers.Count, attackers.Distinct().Count());
    }

    [Fact]
    public void Lateral_movement_calls_a_destination_the_workload_never_called()
    {
        Assert.All(Run.Instances(ScenarioKinds.LateralMovement), instance =>
        {
            var (before, attack) = Split(instance);
            var destination = Assert.Single(attack.Select(e => e.AppDisplayName).Distinct());
            Assert.NotEmpty(before);
            Assert.DoesNotContain(destination, before.Select(e => e.AppDisplayName));
        });
    }

    [Fact]
    public void A_rate_spike_runs_at_ten_times_or_more_the_edges_usual_rate()
    {
        Assert.All(Run.Instances(ScenarioKinds.RequestRateSpike), instance =>
        {
            var (before, attack) = Split(instance);
            var destination = Assert.Single(attack.Select(e => e.AppDisplayName).Distinct());
            var usual = before.Count(e => e.AppDisplayName == destination) / (before[^1].Timestamp - Run.Simulator.Options.Start).TotalMinutes;
            var spike = attack.Count / (attack[^1].Timestamp - attack[0].Timestamp).TotalMinutes;
            Assert.True(spike >= 10 * usual, $"{spike:F1}/min against {usual:F2}/min");
        });
    }

    [Fact]
    public void Scanning_is_a_burst_of_403s_and_404s_on_paths_the_workload_never_asked_for()
    {
        Assert.All(Run.Instances(ScenarioKinds.Scanning), instance =>
        {
            var (before, attack) = Split(instance);
            var refused = attack.Count(e => e.ErrorCode is 403 or 404);
            Assert.True(refused >= 20, $"{refused} refused");
            Assert.True(attack[^1].Timestamp - attack[0].Timestamp <= TimeSpan.FromMinutes(6));
            Assert.Empty(attack.Select(e => e.Resource).Intersect(before.Select(e => e.Resource)));
        });
    }

    [Fact]
    public void Exfiltration_pulls_responses_ten_times_the_largest_the_workload_ever_got()
    {
        Assert.All(Run.Instances(ScenarioKinds.Exfiltration), instance =>
        {
            var (before, attack) = Split(instance);
            Assert.True(attack.Min(e => e.BytesSent) >= 10 * before.Max(e => e.BytesSent));
        });
    }

    [Fact]
    public void A_service_behind_ext_authz_asks_opa_and_refuses_the_lateral_movement_it_denies()
    {
        var istio = Run.Instances(ScenarioKinds.LateralMovement).Single(i => i.Any(e => e.Event.Source == EventSource.Envoy)).ToList();
        var requests = istio.Where(e => e.Event.Source == EventSource.Envoy).Select(e => e.Event).ToList();
        var decisions = istio.Where(e => e.Event.Source == EventSource.Opa).Select(e => e.Event).ToList();

        // Lateral movement on Istio goes to the secrets store or the payments service, both behind ext_authz.
        Assert.Equal(requests.Count, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(("envoy/authz/allow", false), (d.AppDisplayName, d.Succeeded)));
        Assert.All(requests, r => Assert.Equal(403, r.ErrorCode));
    }

    [Fact]
    public void Ordinary_mesh_traffic_is_steady_with_occasional_404s_and_policy_allows_nearly_everything()
    {
        var requests = Run.Events.Where(e => e.Label.Kind == ScenarioKinds.Benign && e.Event.Kind == EventKind.ServiceRequest).Select(e => e.Event).ToList();
        var decisions = Run.Events.Where(e => e.Label.Kind == ScenarioKinds.Benign && e.Event.Kind == EventKind.PolicyDecision).Select(e => e.Event).ToList();
        var notFound = requests.Count(r => r.ErrorCode == 404) / (double)requests.Count;
        var denied = decisions.Count(d => !d.Succeeded) / (double)decisions.Count;
        var perHour = requests.GroupBy(r => r.Timestamp.UtcDateTime.Hour + (24 * (r.Timestamp - Run.Simulator.Options.Start).Days)).Select(g => g.Count()).ToList();

        Assert.InRange(notFound, 0.005, 0.03);
        Assert.DoesNotContain(requests, r => r.ErrorCode == 403);
        Assert.InRange(denied, 0.001, 0.03);

        // About 30 requests a minute at a fifth of the rate: some 360 an hour, every hour alike within a third.
        Assert.All(perHour, n => Assert.InRange(n, perHour.Average() * 2 / 3, perHour.Average() * 4 / 3));
    }

    /// <summary>The workload's ordinary requests before the attack, and the attack's requests.</summary>
    private static (List<IdentityEvent> Before, List<IdentityEvent> Attack) Split(IGrouping<string, (EventLabel Label, IdentityEvent Event)> instance)
    {
        var attack = instance.Where(e => e.Event.Kind == EventKind.ServiceRequest).Select(e => e.Event).ToList();
        var source = Assert.Single(attack.Select(e => e.IdentityId).Distinct());
        var before = Run.Of(source)
            .Where(e => !e.Label.Malicious && e.Event.Kind == EventKind.ServiceRequest && e.Event.Timestamp < attack[0].Timestamp)
            .Select(e => e.Event)
            .ToList();
        return (before, attack);
    }
}
