namespace RiskEngine.Kafka.Observability;

/// <summary>How many messages of one input partition a stage has still to read: the high watermark less its position.</summary>
public readonly record struct PartitionLag(string Stage, string Topic, int Partition, long Lag);
