using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace RiskEngine.Kafka;

/// <summary>
/// How to reach Kafka (or Azure Event Hubs' Kafka endpoint, <see cref="EventHubs"/>). Bound from the "Kafka"
/// section. With neither <see cref="BootstrapServers"/> nor an Event Hubs namespace the engine starts its
/// embedded cluster. Secrets never live here: the SASL
/// password comes from <see cref="SaslPasswordFile"/> or the <see cref="SaslPasswordEnvironmentVariable"/>.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";
    public const string SaslPasswordEnvironmentVariable = "RISKENGINE_KAFKA_SASL_PASSWORD";

    /// <summary>"host:port,host:port"; empty runs the embedded cluster.</summary>
    public string? BootstrapServers { get; set; }

    [Required]
    public string ConsumerGroup { get; set; } = "riskengine";

    public SecurityProtocol? SecurityProtocol { get; set; }

    public SaslMechanism? SaslMechanism { get; set; }

    /// <summary>For Event Hubs with a connection string, the literal <c>$ConnectionString</c>.</summary>
    public string? SaslUsername { get; set; }

    /// <summary>A file holding the SASL password (for Event Hubs, the namespace connection string); re-read at each start.</summary>
    public string? SaslPasswordFile { get; set; }

    /// <summary>0 sends each revocation at once; raise it only to trade latency for throughput.</summary>
    [Range(0, 1000)]
    public int LingerMs { get; set; }

    /// <summary>
    /// How long the decode stage lets events for one partition of the events topic gather into a batch. A produce
    /// request carries a batch a partition, so a batch of many events costs the broker about what one does. 2 ms adds
    /// at most that to an event's path; at 10,000 sign-ins a second it gathers 20 events, more while the broker is busy.
    /// </summary>
    [Range(0, 1000)]
    public int EventsLingerMs { get; set; } = 2;

    /// <summary>
    /// How long a fetch may wait at the broker for data. Real brokers answer as soon as data arrives, so the
    /// default only bounds idle polling; the embedded cluster answers only at the deadline, so it uses 1 ms.
    /// </summary>
    [Range(1, 10_000)]
    public int? FetchWaitMaxMs { get; set; }

    /// <summary>Any further librdkafka property, passed through as written (e.g. "ssl.ca.location").</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    [Required]
    public EmbeddedClusterOptions Embedded { get; set; } = new();

    /// <summary>An Event Hubs namespace instead of <see cref="BootstrapServers"/> and the SASL settings.</summary>
    [Required]
    public EventHubsOptions EventHubs { get; set; } = new();

    /// <summary>Where the engine connects: the Event Hubs namespace, the configured servers, or none (the embedded cluster).</summary>
    public string? EffectiveBootstrapServers => EventHubs.IsConfigured ? EventHubs.BootstrapServers : BootstrapServers;
}
