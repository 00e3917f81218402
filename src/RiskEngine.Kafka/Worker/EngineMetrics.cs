using System.Diagnostics.Metrics;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The engine's counters, on the "RiskEngine" meter (dotnet-counters, OpenTelemetry): events decoded per
/// source, dead letters per reason code, skipped records per kind, events scored, SETs issued per action, and
/// of them the revocations.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "RiskEngine";

    private readonly Counter<long> _decoded;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _scored;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _securityEvents;

    public EngineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        // The factory owns the meter and disposes it with the host.
        var meter = meterFactory.Create(MeterName);
        _decoded = meter.CreateCounter<long>("riskengine.events.decoded", "{event}", "Events decoded, by source");
        _deadLettered = meter.CreateCounter<long>("riskengine.deadletters", "{message}", "Input dead-lettered, by reason code");
        _skipped = meter.CreateCounter<long>("riskengine.records.skipped", "{record}", "Well-formed records of kinds not scored, by kind");
        _scored = meter.CreateCounter<long>("riskengine.events.scored", "{event}", "Events scored");
        _revocations = meter.CreateCounter<long>("riskengine.revocations", "{token}", "Session-revoked SETs issued");
        _securityEvents = meter.CreateCounter<long>("riskengine.security_events", "{token}", "SETs issued, by CAEP event type");
    }

    public void Decoded(EventSource source) => _decoded.Add(1, new KeyValuePair<string, object?>("source", source.ToString()));

    public void DeadLettered(RejectionCode code) => _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", code.ToName()));

    public void Skipped(string kind) => _skipped.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Scored() => _scored.Add(1);

    public void SecurityEventIssued(TrustAction action)
    {
        _securityEvents.Add(1, new KeyValuePair<string, object?>("type", TagOf(action)));
        if (action == TrustAction.RevokeSession)
        {
            _revocations.Add(1);
        }
    }

    private static string TagOf(TrustAction action) => action switch
    {
        TrustAction.RevokeSession => "session-revoked",
        TrustAction.StepUp => "assurance-level-change",
        TrustAction.RiskLevelChange => "risk-level-change",
        _ => action.ToString(),
    };
}
