namespace RiskEngine.Kafka.Batches;

/// <summary>
/// What became of a batch: <see cref="Finished"/> is how many of its messages, from the first, had every output
/// acknowledged by Kafka (all of them unless <see cref="Failure"/> says why not); the counts are of records.
/// </summary>
public sealed record DecodeBatchOutcome(int Finished, int Decoded, int DeadLettered, int Skipped, string? Failure);
