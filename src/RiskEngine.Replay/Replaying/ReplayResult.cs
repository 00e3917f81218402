using RiskEngine.Replay.Comparing;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Replaying;

/// <summary>What a replay read, what the candidate decided in aggregate, and, when compared, how it differs from the baseline.</summary>
public sealed record ReplayResult(ReplayCounts Counts, ReplaySummary Summary, ActionDiff? Diff);
