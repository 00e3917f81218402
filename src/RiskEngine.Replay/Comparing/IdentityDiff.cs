namespace RiskEngine.Replay.Comparing;

/// <summary>What the candidate setting does to one identity that the baseline does not (added), and the reverse (removed), in event order.</summary>
public sealed record IdentityDiff(string Identity, IReadOnlyList<RecordedAction> Added, IReadOnlyList<RecordedAction> Removed);
