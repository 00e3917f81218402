using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Embedded;
using RiskEngine.Kafka.Native;

namespace RiskEngine.Kafka;

/// <summary>
/// The cluster this process talks to, and typed client configuration for it: the configured Kafka or Event
/// Hubs endpoint, or, when none is configured, an embedded cluster it starts with the engine's topics.
/// </summary>
public sealed partial class KafkaConnection : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly EmbeddedKafkaCluster? _embedded;
    private readonly Dictionary<string, string> _properties;

    public KafkaConnection(IOptions<KafkaOptions> options, IOptions<TopicOptions> topics, IOptions<SourcesOptions> sources, ILogger<KafkaConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(sources);
        _options = options.Value;
        var librdkafka = Librdkafka.EnsureLoaded();
        LogLibrdkafka(logger, Librdkafka.Version, librdkafka);

        if (string.IsNullOrWhiteSpace(_options.EffectiveBootstrapServers))
        {
            _embedded = EmbeddedKafkaCluster.Start(_options.Embedded.Brokers);
            foreach (var topic in topics.Value.All.Concat(sources.Value.Effective(topics.Value).Select(source => source.Topic)).Distinct(StringComparer.Ordinal))
            {
                _embedded.CreateTopic(topic, _options.Embedded.Partitions);
            }

            BootstrapServers = _embedded.BootstrapServers;
            _properties = KafkaClientProperties.Create(_options, BootstrapServers);
            LogEmbeddedCluster(logger, BootstrapServers, _options.Embedded.Brokers, _options.Embedded.Partitions);
        }
        else
        {
            BootstrapServers = _options.EffectiveBootstrapServers;
            _properties = KafkaClientProperties.Create(_options, BootstrapServers);
            var securityProtocol = _properties.GetValueOrDefault("security.protocol", "plaintext");
            LogExternalCluster(logger, BootstrapServers, securityProtocol);
        }
    }

    public string BootstrapServers { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>The embedded cluster this process started, or null on a configured cluster.</summary>
    public EmbeddedKafkaCluster? Embedded => _embedded;

    /// <summary>An idempotent producer that sends at once: revocations must not wait for a batch to fill.</summary>
    public ProducerConfig CreateProducerConfig()
    {
        var config = new ProducerConfig(BaseProperties())
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = _options.LingerMs,
            // The Java client's partitioner, so every producer keyed by identity agrees on an identity's partition.
            Partitioner = Partitioner.Murmur2Random,
            SocketNagleDisable = true,
        };
        return config;
    }

    /// <summary>The decode stage's producer: as <see cref="CreateProducerConfig"/>, its events batched for <see cref="KafkaOptions.EventsLingerMs"/>.</summary>
    public ProducerConfig CreateEventsProducerConfig()
    {
        var config = CreateProducerConfig();
        config.LingerMs = _options.EventsLingerMs;
        return config;
    }

    /// <summary>
    /// A consumer that never commits past what it has finished: offsets are stored by the worker only once
    /// every output of a message is acknowledged, and auto-commit sends what was stored.
    /// </summary>
    public ConsumerConfig CreateConsumerConfig(string? groupId = null)
    {
        var config = new ConsumerConfig(BaseProperties())
        {
            GroupId = groupId ?? _options.ConsumerGroup,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = 1000,
            SocketNagleDisable = true,
            FetchWaitMaxMs = _options.FetchWaitMaxMs ?? (IsEmbedded ? 1 : 100),
        };
        if (IsEmbedded)
        {
            // The embedded coordinator waits a session timeout less a second for members to rejoin whenever one
            // joins; at librdkafka's 45 s default a second instance would wait most of a minute for partitions.
            config.SessionTimeoutMs = 6000;
            config.HeartbeatIntervalMs = 2000;
        }

        return config;
    }

    /// <summary>
    /// Creates a topic on the embedded cluster, which cannot create topics through the admin API; on a
    /// configured cluster topics are the operator's to create, so this does nothing there.
    /// </summary>
    public void EnsureEmbeddedTopic(string name) => _embedded?.CreateTopic(name, _options.Embedded.Partitions);

    public void Dispose() => _embedded?.Dispose();

    private Dictionary<string, string> BaseProperties() => new(_properties, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "librdkafka {Version} loaded from {Path}")]
    private static partial void LogLibrdkafka(ILogger logger, string version, string path);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Embedded Kafka cluster listening at {BootstrapServers} ({Brokers} brokers, {Partitions} partitions per topic; in memory only, at most 5 MiB or 100,000 message sets kept per partition)")]
    private static partial void LogEmbeddedCluster(ILogger logger, string bootstrapServers, int brokers, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using Kafka at {BootstrapServers} ({SecurityProtocol})")]
    private static partial void LogExternalCluster(ILogger logger, string bootstrapServers, string securityProtocol);
}
