using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline.Tests.Scoring;

/// <summary>Keeps what the scoring stage puts out, in order.</summary>
internal sealed class RecordingSink : IScoringSink
{
    public List<ScoredEvent> Scored { get; } = [];

    public List<SecurityEvent> SecurityEvents { get; } = [];

    public void OnScored(in ScoredEvent scored) => Scored.Add(scored);

    public List<BlastRadiusTrip> Trips { get; } = [];

    public void OnSecurityEvent(in SecurityEvent securityEvent) => SecurityEvents.Add(securityEvent);

    public void OnBlastRadiusTripped(BlastRadiusTrip trip) => Trips.Add(trip);
}
