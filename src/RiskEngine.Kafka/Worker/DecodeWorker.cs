using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The decode stage on Kafka: consumes the source topics, decodes each message in its topic's format, and
/// writes each event to the events topic keyed by identity (refusals to the dead-letter topic). While the scoring
/// stage is too far behind (<see cref="ScoringBacklog"/>), it pauses its input partitions rather than let the events
/// topic overflow.
/// </summary>
public sealed partial class DecodeWorker : StageWorker
{
    private readonly TopicOptions _topics;
    private readonly DecodeStage _stage;
    private readonly EngineMetrics _metrics;
    private readonly IEngineObserver[] _observers;
    private readonly Dictionary<string, SourceFormat> _formats;
    private readonly ScoringBacklog _backlog;
    private readonly EventsTopicProgress _progress;
    private readonly ILogger _logger;
    private KafkaDecodeSink? _sink;
    private bool _paused;

    public DecodeWorker(
        KafkaConnection connection,
        IOptions<KafkaOptions> kafka,
        IOptions<TopicOptions> topics,
        IOptions<SourcesOptions> sources,
        IOptions<PipelineOptions> pipeline,
        SourceDecoders decoders,
        ScoringBacklog backlog,
        EventsTopicProgress progress,
        EngineMetrics metrics,
        IEnumerable<IEngineObserver> observers,
        IHostApplicationLifetime lifetime,
        ILogger<DecodeWorker> logger)
        : base(connection, lifetime, logger)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(pipeline);
        _topics = topics.Value;
        _stage = new DecodeStage(pipeline.Value, decoders);
        _metrics = metrics;
        _backlog = backlog;
        _progress = progress;
        _logger = logger;
        _observers = observers.ToArray();
        _formats = sources.Value.Effective(_topics).ToDictionary(source => source.Topic, source => source.Format, StringComparer.Ordinal);
        ConsumerGroup = kafka.Value.ConsumerGroup + "-decode";
    }

    /// <summary>Whether the stage has its input paused for scoring to catch up.</summary>
    public bool IsPaused => Volatile.Read(ref _paused);

    private protected override string StageName => "decode";

    private protected override string ConsumerGroup { get; }

    private protected override IReadOnlyCollection<string> InputTopics => _formats.Keys;

    private protected override IReadOnlyCollection<string> OutputTopics => [_topics.Events, _topics.DeadLetter];

    private protected override ProducerConfig CreateProducerConfig(KafkaConnection connection) => connection.CreateEventsProducerConfig();

    private protected override void Open(TrackedProducer producer) =>
        _sink = new KafkaDecodeSink(producer, new DeadLetterProducer(producer, _topics, _metrics, _observers), _topics, _metrics, _observers, _progress);

    private protected override void Process(in InputMessage message, Headers headers) =>
        _stage.Process(message, _formats.GetValueOrDefault(message.Topic, SourceFormat.Auto), _sink!);

    private protected override void BetweenMessages(IConsumer<byte[]?, byte[]> consumer)
    {
        if (_backlog.Evaluate())
        {
            // Again each time: partitions assigned since the last pause arrive unpaused.
            var assignment = consumer.Assignment;
            consumer.Pause(assignment);
            if (!_paused)
            {
                Volatile.Write(ref _paused, true);
                LogPaused(_logger, assignment.Count);
            }
        }
        else if (_paused)
        {
            var assignment = consumer.Assignment;
            consumer.Resume(assignment);
            Volatile.Write(ref _paused, false);
            LogResumed(_logger, assignment.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "decode stage paused {Count} input partitions for the scoring stage to catch up")]
    private static partial void LogPaused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "decode stage resumed {Count} input partitions")]
    private static partial void LogResumed(ILogger logger, int count);
}
