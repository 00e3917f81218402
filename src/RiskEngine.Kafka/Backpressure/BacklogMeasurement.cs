namespace RiskEngine.Kafka.Backpressure;

/// <summary>
/// The scoring stage's backlog on the events topic at one moment: events written there and not yet committed by the
/// scoring consumer group, in all and in the partition furthest behind.
/// </summary>
public readonly record struct BacklogMeasurement(long Total, long Largest, int LargestPartition, DateTimeOffset At);
