using Confluent.Kafka;

namespace RiskEngine.Kafka;

/// <summary>
/// Asks the cluster about a topic through a client the caller already has, without keeping an admin client alive.
/// Confluent.Kafka 1.9.3's admin client built on another client's handle polls its result queue with a zero timeout
/// for as long as it lives (confluent-kafka-dotnet#1762, fixed only in 2.x, which needs a newer librdkafka than
/// Debian's), so one held open burns a whole core. Each lookup here lives only as long as its request.
/// </summary>
public static class TopicMetadataLookup
{
    /// <summary>The topic's metadata, or null when the cluster does not answer for it.</summary>
    public static TopicMetadata? Describe(Handle client, string topic, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var admin = new DependentAdminClientBuilder(client).Build();
        return admin.GetMetadata(topic, timeout).Topics.FirstOrDefault(metadata => metadata.Topic == topic);
    }
}
