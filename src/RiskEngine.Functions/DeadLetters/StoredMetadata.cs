namespace RiskEngine.Functions.DeadLetters;

/// <summary>The metadata of a <see cref="StoredInvocation"/>, named as the Event Hubs trigger names it, and the reason it was kept.</summary>
public sealed record StoredMetadata(
    StoredPartitionContext PartitionContext,
    long?[] SequenceNumberArray,
    string?[] OffsetArray,
    string?[] PartitionKeyArray,
    DateTimeOffset?[] EnqueuedTimeUtcArray,
    string Function,
    string Reason,
    DateTimeOffset StoredAtUtc);
