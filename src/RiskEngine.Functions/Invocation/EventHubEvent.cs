namespace RiskEngine.Functions.Invocation;

/// <summary>
/// One event of a batch: its body and what the per-event metadata arrays say of it (<c>SequenceNumberArray</c>,
/// <c>OffsetArray</c>, <c>PartitionKeyArray</c>, <c>EnqueuedTimeUtcArray</c>, else <c>SystemPropertiesArray</c>).
/// </summary>
public sealed record EventHubEvent(ReadOnlyMemory<byte> Body, long? SequenceNumber, string? Offset, string? PartitionKey, DateTimeOffset? EnqueuedTime);
