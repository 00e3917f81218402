using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Kafka.Observability;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Sources;
using RiskEngine.Sources.Canonical;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The scoring stage on Kafka: consumes the identity-keyed events topic, scores each event with the state of
/// its partition, and produces the SETs decided (revocations, step-ups, risk level changes) onto the SET topic.
/// When the group moves a partition to another instance, this instance forgets that partition's identities: their
/// events now go to the new owner. Trust settings are reloaded when the configuration changes. When the instance's
/// <see cref="BlastRadiusGuard"/> trips, an alert goes to the alerts topic and an error to the log.
/// </summary>
public sealed class ScoringWorker : StageWorker
{
    private readonly TopicOptions _topics;
    private readonly ScoringStage _stage;
    private readonly EngineMetrics _metrics;
    private readonly EventsTopicProgress _progress;
    private readonly IEngineObserver[] _observers;
    private readonly ILogger _logger;
    private KafkaScoringSink? _sink;
    private DeadLetterProducer? _deadLetters;

    public ScoringWorker(
        KafkaConnection connection,
        IOptions<KafkaOptions> kafka,
        IOptions<TopicOptions> topics,
        IOptionsMonitor<TrustOptions> trust,
        IOptions<CaepOptions> caep,
        ScoringContext context,
        SecurityEventTokenIssuer issuer,
        BlastRadiusGuard guard,
        EventsTopicProgress progress,
        EngineMetrics metrics,
        IEnumerable<IEngineObserver> observers,
        IHostApplicationLifetime lifetime,
        ILogger<ScoringWorker> logger)
        : base(connection, lifetime, logger)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(caep);
        _topics = topics.Value;
        _stage = new ScoringStage(trust, context, issuer, caep.Value, guard);
        _metrics = metrics;
        _progress = progress;
        _logger = logger;
        _observers = observers.ToArray();
        ConsumerGroup = ConsumerGroupOf(kafka.Value);
    }

    /// <summary>The scoring stage's consumer group: the configured group, suffixed.</summary>
    public static string ConsumerGroupOf(KafkaOptions kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        return kafka.ConsumerGroup + "-score";
    }

    private protected override string StageName => "scoring";

    private protected override string ConsumerGroup { get; }

    private protected override IReadOnlyCollection<string> InputTopics => [_topics.Events];

    private protected override IReadOnlyCollection<string> OutputTopics => [_topics.Revocations, _topics.Alerts, _topics.DeadLetter];

    private protected override void Open(TrackedProducer producer)
    {
        _sink = new KafkaScoringSink(producer, _topics, _metrics, _observers, _logger);
        _deadLetters = new DeadLetterProducer(producer, _topics, _metrics, _observers);
    }

    private protected override void Process(in InputMessage message, Headers headers)
    {
        _progress.Scored(message.Partition, message.Offset);
        if (IdentityEventJson.Read(message.Value.Span, out var error) is { } identityEvent)
        {
            using var trace = EngineTracing.StartScoring(headers);
            var started = Stopwatch.GetTimestamp();
            _stage.Score(message.Partition, identityEvent, _sink!);
            _metrics.ScoringTook(started);
        }
        else
        {
            // Only the decode stage should write here; anything else is refused, not guessed at.
            _deadLetters!.Produce(new DeadLetter(message, message.Value, RejectionCode.WrongShape, error!, DecodedRecord.WholeMessage));
        }
    }

    public override void Dispose()
    {
        _stage.Dispose();
        base.Dispose();
    }

    private protected override void OnPartitionsRevoked(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _stage.ForgetPartition(partition.Partition.Value);
            _progress.Released(partition.Partition.Value);
        }
    }
}
