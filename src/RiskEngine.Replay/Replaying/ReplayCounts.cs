using RiskEngine.Sources;

namespace RiskEngine.Replay.Replaying;

/// <summary>What a replay read: events scored, and the records the decode stage refused (by reason) or skipped as not scored.</summary>
public sealed record ReplayCounts(long Events, IReadOnlyDictionary<RejectionCode, long> Rejected, long Skipped)
{
    public long RejectedTotal => Rejected.Values.Sum();
}
