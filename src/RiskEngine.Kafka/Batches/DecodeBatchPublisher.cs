using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Batches;

/// <summary>
/// The decode stage for hosts that are handed batches instead of consuming them (the Azure Functions handler):
/// each message of a batch goes through the <see cref="DecodeStage"/> and the decode worker's own Kafka sink, so its
/// events land on the identity-keyed events topic and its refusals on the dead-letter topic exactly as
/// <see cref="DecodeWorker"/> writes them. <see cref="PublishAsync"/> returns once Kafka has acknowledged every
/// output, or says which messages it could not finish. Thread-safe: concurrent batches share one producer.
/// </summary>
public sealed partial class DecodeBatchPublisher : IDisposable
{
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AcknowledgementPoll = TimeSpan.FromMilliseconds(1);

    private readonly TopicOptions _topics;
    private readonly PipelineOptions _pipeline;
    private readonly SourceDecoders _decoders;
    private readonly EngineMetrics _metrics;
    private readonly IEngineObserver[] _observers;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly ILogger<DecodeBatchPublisher> _logger;

    // The decoders keep per-call scratch state; one batch decodes at a time, and only the wait for Kafka overlaps.
    private readonly Lock _decoding = new();
    private volatile string? _lastFailure;

    public DecodeBatchPublisher(
        KafkaConnection connection,
        IOptions<TopicOptions> topics,
        IOptions<PipelineOptions> pipeline,
        SourceDecoders decoders,
        EngineMetrics metrics,
        IEnumerable<IEngineObserver> observers,
        ILogger<DecodeBatchPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(pipeline);
        _topics = topics.Value;
        _pipeline = pipeline.Value;
        _decoders = decoders;
        _metrics = metrics;
        _observers = [.. observers];
        _logger = logger;
        _producer = new ProducerBuilder<byte[]?, byte[]>(connection.CreateEventsProducerConfig())
            .SetErrorHandler((_, error) => LogKafkaError(_logger, error.Code, error.Reason))
            .Build();
    }

    /// <summary>Why the last batch did not get through to Kafka, or null when it did (or none was published yet): what health reports.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>
    /// Decodes <paramref name="messages"/> (one partition's batch, in order) in <paramref name="format"/> and
    /// produces their outputs, waiting at most <paramref name="timeout"/> for Kafka to acknowledge them.
    /// </summary>
    public async Task<DecodeBatchOutcome> PublishAsync(IReadOnlyList<InputMessage> messages, SourceFormat format, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        // The tracker counts each message's outputs by its index in the batch: the first unfinished index is how
        // many messages are done, whatever offsets the transport gave them.
        var tracker = new OffsetTracker();
        var batch = new TopicPartition(messages.Count > 0 ? messages[0].Topic : string.Empty, new Partition(messages.Count > 0 ? messages[0].Partition : 0));
        var outputs = new TrackedProducer(_producer, tracker);
        var sink = new CountingDecodeSink(new KafkaDecodeSink(outputs, new DeadLetterProducer(outputs, _topics, _metrics, _observers), _topics, _metrics, _observers));
        lock (_decoding)
        {
            var stage = new DecodeStage(_pipeline, _decoders);
            for (var index = 0; index < messages.Count; index++)
            {
                tracker.Begin(batch, index);
                stage.Process(messages[index], format, sink);
                tracker.End();
            }
        }

        var deadline = DateTime.UtcNow + timeout;
        var finished = 0;
        while (true)
        {
            if (tracker.CollectStorable() is [var progress])
            {
                finished = (int)progress.Offset.Value;
            }

            if (finished == messages.Count)
            {
                _lastFailure = null;
                return new DecodeBatchOutcome(messages.Count, sink.Decoded, sink.DeadLettered, sink.Skipped, null);
            }

            var failure = outputs.DeliveryFailure is { } refused
                ? $"Kafka refused an output: {refused.Code}: {refused.Reason}"
                : DateTime.UtcNow >= deadline ? $"Kafka did not acknowledge every output within {timeout.TotalSeconds:0.#} s" : null;
            if (failure is not null)
            {
                _lastFailure = failure;
                return new DecodeBatchOutcome(finished, sink.Decoded, sink.DeadLettered, sink.Skipped, failure);
            }

            await Task.Delay(AcknowledgementPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _producer.Flush(ShutdownFlushTimeout);
        _producer.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch decode: Kafka producer error {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);
}
