using System.Text;
using Confluent.Kafka;
using RiskEngine.Kafka.Embedded;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>The embedded Kafka-protocol cluster on loopback, shared by the tests of a collection; each test makes its own topic.</summary>
public sealed class KafkaClusterFixture : IDisposable
{
    public const int Partitions = 3;

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start(brokers: 1);
    private int _topics;

    public string BootstrapServers => _cluster.BootstrapServers;

    public string NewTopic()
    {
        string name = $"riskengine.revocations.{Interlocked.Increment(ref _topics)}";
        _cluster.CreateTopic(name, Partitions);
        return name;
    }

    /// <summary>Writes a SET as the scoring stage does: keyed by subject, with the SET topic's headers.</summary>
    public void Produce(string topic, string key, string token, string jti = "test")
    {
        using IProducer<string, string> producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
        var headers = new Headers
        {
            { RevocationHeaders.ContentType, Encoding.UTF8.GetBytes(RevocationHeaders.SecurityEventTokenMediaType) },
            { RevocationHeaders.Jti, Encoding.UTF8.GetBytes(jti) },
        };
        producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = token, Headers = headers }).GetAwaiter().GetResult();
    }

    public void Dispose() => _cluster.Dispose();
}
