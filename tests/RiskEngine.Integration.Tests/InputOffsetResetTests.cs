using System.Collections.Concurrent;
using Confluent.Kafka;
using RiskEngine.Kafka.Embedded;
using RiskEngine.Kafka.Observability;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// Retention can remove input before a stage reads it. librdkafka then resets the stage's position to the earliest
/// offset kept and reads on, saying so only in its log; the stages count and report that log line, so it must be
/// told apart from the start of a group that has no committed offset yet, where nothing is lost.
/// </summary>
public sealed class InputOffsetResetTests : IDisposable
{
    private const string Topic = "riskengine.test.retention";
    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);

    // The embedded cluster keeps 5 MiB a partition: 24 messages of 256 KiB push the first ones out.
    private const int FillerMessages = 24;
    private const int FillerBytes = 256 * 1024;

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start(brokers: 1);
    private readonly TopicPartition _partition = new(Topic, 0);

    public InputOffsetResetTests() => _cluster.CreateTopic(Topic, partitions: 1);

    [Fact]
    public void A_committed_position_that_retention_removed_is_reported_as_an_offset_reset()
    {
        Produce(count: 2, bytes: 100);
        using (var committer = new ConsumerBuilder<Ignore, Ignore>(ConsumerConfig("behind")).Build())
        {
            committer.Commit([new TopicPartitionOffset(_partition, 1)]);
        }

        Produce(FillerMessages, FillerBytes);

        var (first, logs) = ConsumeFirst("behind");

        Assert.True(first > 1, $"read from offset {first}, which retention should have removed");
        var reset = Assert.Single(logs, KafkaClientLog.IsOffsetReset);
        Assert.Contains($"{Topic} [0]", reset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_without_a_committed_offset_starts_at_the_earliest_offset_without_a_reset()
    {
        Produce(FillerMessages, FillerBytes);

        var (first, logs) = ConsumeFirst("new");

        Assert.True(first > 0, "the earliest offsets were expected to be gone, so that the start is at a later one");
        Assert.DoesNotContain(logs, KafkaClientLog.IsOffsetReset);
    }

    public void Dispose() => _cluster.Dispose();

    private ConsumerConfig ConsumerConfig(string group) => new()
    {
        BootstrapServers = _cluster.BootstrapServers,
        GroupId = group,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
    };

    private void Produce(int count, int bytes)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(_partition, new Message<Null, byte[]> { Value = new byte[bytes] });
        }

        Assert.Equal(0, producer.Flush(ConsumeTimeout));
    }

    private (long FirstOffset, IReadOnlyCollection<LogMessage> Logs) ConsumeFirst(string group)
    {
        var logs = new ConcurrentQueue<LogMessage>();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(ConsumerConfig(group))
            .SetLogHandler((_, message) => logs.Enqueue(message))
            .Build();
        consumer.Subscribe(Topic);
        var result = consumer.Consume(ConsumeTimeout) ?? throw new TimeoutException($"nothing consumed from {Topic} in {ConsumeTimeout}");
        consumer.Close();
        return (result.Offset.Value, logs);
    }
}
