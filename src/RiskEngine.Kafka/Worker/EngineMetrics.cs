using System.Diagnostics;
using System.Diagnostics.Metrics;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Kafka.Observability;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The engine's instruments, on the "RiskEngine" meter (dotnet-counters, OpenTelemetry): events decoded per source,
/// dead letters per reason code, skipped records per kind, events scored and the time each took, decisions per action,
/// SETs issued per CAEP event type and of them the revocations, each stage's consumer lag and input offset resets, and the
/// SSF outbox's depth.
/// The counts are kept in <see cref="EngineFigures"/>, which the instruments observe and /status reports.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "RiskEngine";

    private readonly EngineFigures _figures;
    private readonly Counter<long> _skipped;
    private readonly Histogram<double> _scoringDuration;

    public EngineMetrics(IMeterFactory meterFactory, EngineFigures figures)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(figures);
        _figures = figures;
        // The factory owns the meter and disposes it with the host.
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter(
            "riskengine.events.decoded",
            () => figures.Decoded().Select(pair => Measure(pair.Count, "source", pair.Source.ToString())),
            "{event}",
            "Events decoded, by source");
        meter.CreateObservableCounter(
            "riskengine.deadletters",
            () => figures.DeadLetters().Select(pair => Measure(pair.Count, "reason", pair.Reason.ToName())),
            "{message}",
            "Input dead-lettered, by reason code");
        _skipped = meter.CreateCounter<long>("riskengine.records.skipped", "{record}", "Well-formed records of kinds not scored, by kind");
        meter.CreateObservableCounter("riskengine.events.scored", () => figures.Scored, "{event}", "Events scored");
        _scoringDuration = meter.CreateHistogram<double>(
            "riskengine.scoring.duration",
            "s",
            "Time to score one event and hand its SETs to the producer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1] });
        meter.CreateObservableCounter(
            "riskengine.actions",
            () => figures.ActionsTaken().Select(pair => Measure(pair.Count, "kind", pair.Action.ToString())),
            "{decision}",
            "Decisions taking an action, by action (one decision may take two)");
        meter.CreateObservableCounter(
            "riskengine.security_events",
            () => figures.SecurityEvents().Select(pair => Measure(pair.Count, "type", TagOf(pair.Action))),
            "{token}",
            "SETs issued, by CAEP event type");
        meter.CreateObservableCounter(
            "riskengine.revocations",
            () => figures.SecurityEvents().Where(pair => pair.Action == TrustAction.RevokeSession).Sum(pair => pair.Count),
            "{token}",
            "Session-revoked SETs issued");
        meter.CreateObservableGauge(
            "riskengine.consumer.lag",
            () => figures.ConsumerLag().Select(lag => new Measurement<long>(
                lag.Lag,
                new KeyValuePair<string, object?>("stage", lag.Stage),
                new KeyValuePair<string, object?>("topic", lag.Topic),
                new KeyValuePair<string, object?>("partition", lag.Partition))),
            "{message}",
            "Messages a stage has still to read, by stage and input partition");
        meter.CreateObservableCounter(
            "riskengine.input.offset_resets",
            () => figures.InputOffsetResets().Select(pair => Measure(pair.Resets, "stage", pair.Stage)),
            "{reset}",
            "Input positions reset because the broker no longer held them, by stage: each loses what retention removed before it was read");
        meter.CreateObservableGauge(
            "riskengine.ssf.outbox.depth",
            () => figures.OutboxDepth.Select(pair => Measure(pair.Value, "stream", pair.Key)),
            "{token}",
            "SETs in the SSF outbox not yet delivered, by stream");
        meter.CreateObservableGauge(
            "riskengine.opa.unconfirmed",
            () => figures.OpaUnconfirmed is { } unconfirmed ? [new Measurement<int>(unconfirmed)] : Array.Empty<Measurement<int>>(),
            "{revocation}",
            "Revocations and withdrawals the OPA mirror has not had acknowledged by OPA's Data API");
    }

    public EngineFigures Figures => _figures;

    public void Decoded(EventSource source) => _figures.CountDecoded(source);

    public void DeadLettered(RejectionCode code) => _figures.CountDeadLetter(code);

    public void Skipped(string kind)
    {
        _figures.CountSkipped();
        _skipped.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Scored(TrustAction actions) => _figures.CountScored(actions);

    /// <summary>Records how long scoring one event took, from a <see cref="Stopwatch.GetTimestamp"/> taken before; allocates nothing.</summary>
    public void ScoringTook(long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        _figures.ScoringLatency.Record(elapsed);
        _scoringDuration.Record((double)elapsed / Stopwatch.Frequency);
    }

    public void SecurityEventIssued(TrustAction action) => _figures.CountSecurityEvent(action);

    /// <summary>The CAEP event type a SET of <paramref name="action"/> carries, short.</summary>
    public static string TagOf(TrustAction action) => action switch
    {
        TrustAction.RevokeSession => "session-revoked",
        TrustAction.StepUp => "assurance-level-change",
        TrustAction.RiskLevelChange => "risk-level-change",
        _ => action.ToString(),
    };

    private static Measurement<long> Measure(long value, string tag, string tagValue) => new(value, new KeyValuePair<string, object?>(tag, tagValue));
}
