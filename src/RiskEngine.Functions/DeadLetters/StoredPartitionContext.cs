namespace RiskEngine.Functions.DeadLetters;

/// <summary>The Event Hubs trigger's <c>PartitionContext</c> of a stored batch.</summary>
public sealed record StoredPartitionContext(string? EventHubName, string? ConsumerGroup, string? PartitionId);
