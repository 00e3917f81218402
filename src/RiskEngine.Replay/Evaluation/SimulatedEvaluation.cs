using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Events;
using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Replay.Replaying;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Evaluation;

/// <summary>
/// Detection quality on simulated traffic: every format the simulator writes, decoded by the engine's decoders,
/// replayed in event time through the production scoring stage with the simulator's anonymizer list, and judged
/// against the simulator's labels.
/// </summary>
public static class SimulatedEvaluation
{
    public static SimulatedEvaluationResult Run(TrafficOptions traffic, TrustOptions trust, ActivityModel? activityModel)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(trust);
        var messages = new TrafficSimulator(traffic).Generate().ToList();
        var decoders = SourceDecoders.WithDefaultOptions();
        var records = new List<DecodedRecord>();
        var events = new List<IdentityEvent>(messages.Count);
        var refused = 0;
        foreach (var message in messages)
        {
            var (rejected, skipped) = decoders.DecodeEvents(message.Format, message.Payload, records, events);
            refused += rejected + skipped;
        }

        var context = new ScoringContext(trust)
        {
            AnonymizingNetworks = NetworkList.Parse(TrafficSimulator.AnonymizerList),
            ActivityModel = activityModel,
        };
        // Stable: events of one instant keep the order their producers wrote them in.
        var actions = EventReplay.Run(events.OrderBy(e => e.Timestamp), trust, context);
        var report = DetectionEvaluator.Evaluate([.. messages.Select(m => m.Label)], actions);
        return new SimulatedEvaluationResult(report, actions, events.Count, refused);
    }
}
