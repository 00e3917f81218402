using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Replay.Tests.Reporting;

/// <summary>Scored events made by hand, for what the report keeps of them.</summary>
internal static class Scored
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static ScoredEvent Event(
        string identity, DateTimeOffset time, double score, TrustAction actions = TrustAction.None, double? previousScore = null, params WeightedFinding[] findings) =>
        new(
            new IdentityEvent { EventId = $"{identity}-{time.ToUnixTimeSeconds()}", Timestamp = time, IdentityId = identity, Succeeded = true },
            new TrustAssessment { Score = score, PreviousScore = previousScore ?? score, Level = RiskLevel.None, Findings = findings },
            new TrustDecision { Actions = actions },
            ThresholdVersion: 0);
}
