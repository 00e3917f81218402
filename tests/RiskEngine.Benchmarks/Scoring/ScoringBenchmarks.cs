using System.Globalization;
using BenchmarkDotNet.Attributes;
using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Events;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// The full scoring step (<see cref="ScoringStep"/>) in steady state over two days of simulated traffic from every
/// source (Entra and Okta sign-ins, Envoy and Linkerd requests, OPA decisions, with the default attacks and
/// look-alikes), decoded beforehand: each iteration's setup scores every event before the timed batch, which warms
/// the identities, the population tables and the spray table; the batch is the next
/// <see cref="BatchEvents"/> events, many identities interleaved in event time. The activity model is trained on the
/// first half of the traffic.
/// </summary>
[Config(typeof(ScoringBenchmarkConfig))]
public class ScoringBenchmarks
{
    /// <summary>About a fifth of a second of scoring: long enough for the timer, short enough to rebuild the warm state for each iteration.</summary>
    private const int BatchEvents = 100_000;

    private IdentityEvent[] _warmUp = [];
    private IdentityEvent[] _batch = [];
    private ActivityModel? _activityModel;
    private ScoringStep? _step;

    [GlobalSetup]
    public void Simulate()
    {
        var decoders = SourceDecoders.WithDefaultOptions();
        var records = new List<DecodedRecord>();
        var events = new List<IdentityEvent>();
        var simulator = new TrafficSimulator(new TrafficOptions { Identities = 2_000, Duration = TimeSpan.FromDays(2) });
        foreach (var message in simulator.Generate())
        {
            decoders.DecodeEvents(message.Format, message.Payload, records, events);
        }

        // Stable, as the replay orders: events of one instant keep the order their producers wrote them in.
        IdentityEvent[] ordered = [.. events.OrderBy(e => e.Timestamp)];
        if (ordered.Length < 2 * BatchEvents)
        {
            throw new InvalidOperationException($"the simulation gave {ordered.Length:N0} events, fewer than twice the batch of {BatchEvents:N0}");
        }

        // The batch ends a little before the run does, so it is as far into the run as it can be and still not the quiet night at its end.
        var batchStart = ordered.Length - (ordered.Length / 8) - BatchEvents;
        _warmUp = ordered[..batchStart];
        _batch = ordered[batchStart..(batchStart + BatchEvents)];
        _activityModel = ScoringStep.TrainActivityModel(ordered[..(ordered.Length / 2)]);
        var mix = string.Join(", ", _batch.GroupBy(e => e.Source).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {ordered.Length:N0} events of {ordered.Select(e => e.IdentityId).Distinct().Count():N0} identities; warm-up {_warmUp.Length:N0}; batch {mix} ({_batch.Select(e => e.IdentityId).Distinct().Count():N0} identities)"));
    }

    [IterationSetup]
    public void WarmUp()
    {
        _step = new ScoringStep(_activityModel);
        foreach (var identityEvent in _warmUp)
        {
            _step.Score(identityEvent);
        }
    }

    [Benchmark(OperationsPerInvoke = BatchEvents)]
    public int MixedTraffic()
    {
        var fired = 0;
        foreach (var identityEvent in _batch)
        {
            fired += _step!.Score(identityEvent) ? 1 : 0;
        }

        return fired;
    }
}
