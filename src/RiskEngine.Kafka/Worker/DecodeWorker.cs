using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The decode stage on Kafka: consumes the source topics, decodes each message in its topic's format, and
/// writes each event to the events topic keyed by identity (refusals to the dead-letter topic).
/// </summary>
public sealed class DecodeWorker : StageWorker
{
    private readonly TopicOptions _topics;
    private readonly DecodeStage _stage;
    private readonly EngineMetrics _metrics;
    private readonly IEngineObserver[] _observers;
    private readonly Dictionary<string, SourceFormat> _formats;
    private KafkaDecodeSink? _sink;

    public DecodeWorker(
        KafkaConnection connection,
        IOptions<KafkaOptions> kafka,
        IOptions<TopicOptions> topics,
        IOptions<SourcesOptions> sources,
        IOptions<PipelineOptions> pipeline,
        SourceDecoders decoders,
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
        _observers = observers.ToArray();
        _formats = sources.Value.Effective(_topics).ToDictionary(source => source.Topic, source => source.Format, StringComparer.Ordinal);
        ConsumerGroup = kafka.Value.ConsumerGroup + "-decode";
    }

    private protected override string StageName => "decode";

    private protected override string ConsumerGroup { get; }

    private protected override IReadOnlyCollection<string> InputTopics => _formats.Keys;

    private protected override IReadOnlyCollection<string> OutputTopics => [_topics.Events, _topics.DeadLetter];

    private protected override void Open(TrackedProducer producer) =>
        _sink = new KafkaDecodeSink(producer, new DeadLetterProducer(producer, _topics, _metrics, _observers), _topics, _metrics, _observers);

    private protected override void Process(in InputMessage message, Headers headers) =>
        _stage.Process(message, _formats.GetValueOrDefault(message.Topic, SourceFormat.Auto), _sink!);
}
