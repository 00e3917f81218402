using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Replay.Reporting;

/// <summary>One event of an affected identity's timeline: the score it left, the actions taken and the findings behind it.</summary>
public readonly record struct TimelinePoint(
    DateTimeOffset Time, double Score, RiskLevel Level, TrustAction Actions, IReadOnlyList<string> Signals, IReadOnlyList<string> Evidence);
