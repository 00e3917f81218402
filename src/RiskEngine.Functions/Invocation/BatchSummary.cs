namespace RiskEngine.Functions.Invocation;

/// <summary>
/// What became of one invocation's batch: its events, the records decoded onto the events topic, dead-lettered
/// and skipped, and, when the handler could not finish it, why and where the unfinished events were kept.
/// </summary>
public sealed record BatchSummary(int Events, int Decoded, int DeadLettered, int Skipped, string? Failure = null, string? StoredAt = null);
