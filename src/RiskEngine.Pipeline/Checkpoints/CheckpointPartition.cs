namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>The input partition a checkpoint belongs to, in the consumer group that consumes it.</summary>
public readonly record struct CheckpointPartition(string ConsumerGroup, string Topic, int Partition)
{
    public override string ToString() => $"{ConsumerGroup}/{Topic}[{Partition}]";
}
