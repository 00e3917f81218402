using RiskEngine.Core.Policy;

namespace RiskEngine.Replay.Comparing;

/// <summary>One action one setting took: which, on which event, when (event time).</summary>
public readonly record struct RecordedAction(DateTimeOffset Time, string SourceEventId, TrustAction Action);
