using RiskEngine.Simulation.Labels;
using RiskEngine.Simulation.Networks;
using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Traffic;

/// <summary>
/// Simulates an organisation's identity traffic in every input format the engine reads: users signing in through
/// Entra ID (Graph signIns) or Okta (System Log LogEvents), workloads calling each other on Istio (Envoy access
/// logs) and Linkerd (Linkerd access logs), and OPA deciding for the document service's PEP and Envoy's ext_authz;
/// with the attacks and benign look-alikes of <see cref="TrafficOptions.Scenarios"/>, and a label for every event.
/// The same options always give the same messages, byte for byte.
/// </summary>
public sealed class TrafficSimulator
{
    private readonly TrafficPlan _plan;

    /// <exception cref="ArgumentException">The options cannot be simulated; <see cref="ArgumentException.ParamName"/> names the setting.</exception>
    public TrafficSimulator(TrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _plan = TrafficPlan.Create(options);
    }

    public TrafficOptions Options { get; }

    /// <summary>Every attack and look-alike occurrence planned, with whom it happens to.</summary>
    public IReadOnlyList<ScenarioInstance> Scenarios => _plan.Instances;

    /// <summary>
    /// The sample anonymizer list the anonymizing-network attacks draw their addresses from: comment lines starting
    /// with <c>#</c>, then one IPv4 address per line.
    /// </summary>
    public static string AnonymizerList => Anonymizers.ListFile();

    /// <summary>
    /// The run's events in non-decreasing event time (so each format's share is too), each as its producer writes it,
    /// keyed by identity, with its label; each enumeration starts the run afresh.
    /// </summary>
    public IEnumerable<SimulatedMessage> Generate()
    {
        var attackStarts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var trafficEvent in OrderedMerge.Merge(_plan.Timelines(), e => e.Time.UtcTicks))
        {
            var payload = trafficEvent.Write();
            var tag = trafficEvent.Tag;
            DateTimeOffset? attackStarted = null;
            if (tag.Malicious)
            {
                // Events come in time order, so an attack's first event to come is its first.
                attackStarted = attackStarts.TryAdd(tag.InstanceId!, trafficEvent.Time) ? trafficEvent.Time : attackStarts[tag.InstanceId!];
            }

            var label = new EventLabel(
                trafficEvent.Source, trafficEvent.EventId(payload), trafficEvent.IdentityId, trafficEvent.Time, tag.Kind, tag.Malicious, tag.InstanceId, attackStarted);
            yield return new SimulatedMessage(trafficEvent.Format, trafficEvent.IdentityId, trafficEvent.Time, payload, label);
        }
    }
}
