using Confluent.Kafka;
using RiskEngine.Replay.Recorded;
using RiskEngine.Sources;

namespace RiskEngine.Cli.Replaying;

/// <summary>
/// The partitions of a topic between two times (by broker timestamp), or all that each holds now: the end is fixed
/// when the replay starts, so events arriving meanwhile are not replayed.
/// </summary>
public static class TopicRange
{
    public static IReadOnlyList<IRecordedMessages> Open(ConsumerConfig config, string topic, DateTimeOffset? from, DateTimeOffset? to, SourceFormat format)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.EnableAutoCommit = false;
        config.EnablePartitionEof = true;
        config.GroupId ??= "riskengine-replay";
        using var admin = new AdminClientBuilder(config).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidDataException($"Topic {topic} cannot be replayed: {metadata?.Error.Reason ?? "the cluster does not know it"}.");
        }

        using var probe = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        var partitions = metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value).ToList();
        var watermarks = partitions.ToDictionary(p => p, p => probe.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)));
        var starts = OffsetsAt(probe, partitions, from, watermarks, watermark => watermark.Low.Value);
        var ends = OffsetsAt(probe, partitions, to, watermarks, watermark => watermark.High.Value);
        return [.. partitions.Select(partition => new RecordedTopicPartition(config, partition, starts[partition], ends[partition], format))];
    }

    // The first offset at or after the time; when no message is that late, the partition's end.
    private static Dictionary<TopicPartition, long> OffsetsAt(
        IConsumer<byte[]?, byte[]> probe, List<TopicPartition> partitions, DateTimeOffset? time, Dictionary<TopicPartition, WatermarkOffsets> watermarks, Func<WatermarkOffsets, long> otherwise)
    {
        if (time is not { } at)
        {
            return partitions.ToDictionary(p => p, p => otherwise(watermarks[p]));
        }

        return probe.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(p, new Timestamp(at))), TimeSpan.FromSeconds(10))
            .ToDictionary(found => found.TopicPartition, found => found.Offset.Value >= 0 ? found.Offset.Value : watermarks[found.TopicPartition].High.Value);
    }
}
