using Confluent.Kafka;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Reads a topic from the beginning with a consumer group of its own, as any outside client would.</summary>
public static class TopicReader
{
    /// <summary>Reads until <paramref name="done"/> holds for what was read, or until <paramref name="timeout"/>.</summary>
    public static List<ConsumeResult<byte[]?, byte[]>> ReadUntil(
        string bootstrapServers,
        string topic,
        Func<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>, bool> done,
        TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"test-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Subscribe(topic);
        var read = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(read) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                read.Add(result);
            }
        }

        consumer.Close();
        return read;
    }

    /// <summary>Reads for a settled period: used to show that nothing more arrives.</summary>
    public static List<ConsumeResult<byte[]?, byte[]>> ReadFor(string bootstrapServers, string topic, TimeSpan period) =>
        ReadUntil(bootstrapServers, topic, _ => false, period);
}
