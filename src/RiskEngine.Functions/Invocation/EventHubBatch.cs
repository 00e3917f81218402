namespace RiskEngine.Functions.Invocation;

/// <summary>
/// One invocation of an Event Hubs trigger with cardinality <c>many</c>: the partition it came from
/// (<c>PartitionContext</c>) and its events in order.
/// </summary>
public sealed record EventHubBatch(string? EventHubName, string? ConsumerGroup, string? PartitionId, IReadOnlyList<EventHubEvent> Events);
