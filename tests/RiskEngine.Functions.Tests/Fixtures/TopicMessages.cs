using System.Text;
using Confluent.Kafka;

namespace RiskEngine.Functions.Tests.Fixtures;

/// <summary>Reads a topic of the embedded cluster from the start, as any Kafka client would.</summary>
internal static class TopicMessages
{
    public static List<ConsumeResult<string?, byte[]>> Read(string bootstrapServers, string topic, Func<ConsumeResult<string?, byte[]>, bool> wanted, int count, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "functions-test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var found = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (found.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result && wanted(result))
            {
                found.Add(result);
            }
        }

        consumer.Close();
        return found;
    }

    public static string? Header(ConsumeResult<string?, byte[]> result, string name) =>
        result.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;
}
