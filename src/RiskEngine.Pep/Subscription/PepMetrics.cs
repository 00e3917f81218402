using System.Diagnostics.Metrics;
using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Subscription;

/// <summary>
/// The PEP's counters, on the "RiskEngine.Pep" meter: SETs applied and rejected (by reason), requests refused, and
/// positions on the SET topic lost to retention.
/// </summary>
public sealed class PepMetrics
{
    public const string MeterName = "RiskEngine.Pep";

    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _positionsLost;

    public PepMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _applied = meter.CreateCounter<long>("riskengine.pep.sets.applied", "{token}", "Verified SETs taken into account, by event type");
        _rejected = meter.CreateCounter<long>("riskengine.pep.sets.rejected", "{token}", "Messages of the SET topic refused, by reason");
        _refused = meter.CreateCounter<long>("riskengine.pep.requests.refused", "{request}", "Requests refused because their session or user is revoked");
        _positionsLost = meter.CreateCounter<long>(
            "riskengine.pep.offset_resets", "{reset}", "Times the SET topic no longer held the PEP's position: revocations retention removed unread");
    }

    public void Applied(string eventType) => _applied.Add(1, new KeyValuePair<string, object?>("event_type", eventType));

    public void Rejected(VerificationFailure failure) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", failure.ToString()));

    public void Refused() => _refused.Add(1);

    public void PositionLost() => _positionsLost.Add(1);
}
