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
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Sources;
using RiskEngine.Sources.Canonical;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The scoring stage on Kafka: consumes the identity-keyed events topic, scores each event with the state of
/// its partition, and produces the SETs decided (revocations, step-ups, risk level changes) onto the SET topic.
/// When the group moves a partition to another instance, this instance checkpoints and forgets that partition's
/// identities: their events now go to the new owner, which restores them. Trust settings are reloaded when the configuration changes. When the instance's
/// <see cref="BlastRadiusGuard"/> trips, an alert goes to the alerts topic and an error to the log.
/// </summary>
/// <remarks>
/// Checkpoints (<see cref="CheckpointOptions"/>): every interval, and when partitions are revoked (also at shutdown),
/// the producer is flushed and each partition scored since its last checkpoint is saved with the offset after its
/// last scored event: every SET decided before that offset has then been acknowledged, so a restored state never
/// holds a revocation whose SET was lost. On assignment a partition's checkpoint is restored and the partition is
/// consumed from the checkpoint's offset, so the events after it (some perhaps committed) are scored again into the
/// restored state and their SETs produced again, with the same jti. An interval's saves are only serialized here and
/// written in the background (<see cref="ScoringCheckpoints.TryBeginSave"/>); a revoked partition's save is waited
/// for. A save that fails is logged and the partition saved again at the next interval. The population-wide <see cref="ScoringContext"/>
/// (password-spray counters and the like, spanning partitions) and the blast-radius guard are not checkpointed:
/// they refill within their windows of minutes.
/// </remarks>
public sealed partial class ScoringWorker : StageWorker
{
    private static readonly TimeSpan CheckpointFlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(10);

    private readonly TopicOptions _topics;
    private readonly ScoringStage _stage;
    private readonly EngineMetrics _metrics;
    private readonly EventsTopicProgress _progress;
    private readonly IEngineObserver[] _observers;
    private readonly ILogger _logger;
    private readonly CheckpointOptions _checkpointOptions;
    private readonly IdentityCheckpointStore? _checkpointStore;
    private readonly ScoringCheckpoints? _checkpoints;

    // Per partition, the offset after the last event scored; and the partitions scored since their last checkpoint.
    private readonly Dictionary<int, long> _nextOffsets = [];
    private readonly HashSet<int> _unsaved = [];
    private KafkaScoringSink? _sink;
    private DeadLetterProducer? _deadLetters;
    private TrackedProducer? _producer;
    private DateTime _lastCheckpoint = DateTime.UtcNow;

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
        ILogger<ScoringWorker> logger,
        IOptions<CheckpointOptions> checkpoints,
        IdentityCheckpointStore? checkpointStore = null)
        : base(connection, lifetime, logger)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(caep);
        ArgumentNullException.ThrowIfNull(checkpoints);
        _topics = topics.Value;
        _stage = new ScoringStage(trust, context, issuer, caep.Value, guard);
        _checkpointOptions = checkpoints.Value;
        if (_checkpointOptions.Enabled && checkpointStore is not null)
        {
            _checkpointStore = checkpointStore;
            _checkpoints = new ScoringCheckpoints(checkpointStore, _stage, _checkpointOptions.ChunkBytes);
        }

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
        _producer = producer;
        _checkpointStore?.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        _sink = new KafkaScoringSink(producer, _topics, _metrics, _observers, _logger);
        _deadLetters = new DeadLetterProducer(producer, _topics, _metrics, _observers);
    }

    private protected override void Process(in InputMessage message, Headers headers)
    {
        _progress.Scored(message.Partition, message.Offset);
        if (_checkpoints is not null)
        {
            _nextOffsets[message.Partition] = message.Offset + 1;
            _unsaved.Add(message.Partition);
        }

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
        _checkpoints?.Dispose();
        _stage.Dispose();
        base.Dispose();
    }

    private protected override void BetweenMessages(IConsumer<byte[]?, byte[]> consumer)
    {
        if (_checkpoints is null)
        {
            return;
        }

        foreach (var write in _checkpoints.TakeCompleted())
        {
            Report(write);
        }

        if (_unsaved.Count == 0 || DateTime.UtcNow - _lastCheckpoint < _checkpointOptions.Interval)
        {
            return;
        }

        _lastCheckpoint = DateTime.UtcNow;
        if (!_producer!.FlushAll(CheckpointFlushTimeout))
        {
            LogCheckpointPostponed(_logger);
            return;
        }

        // A partition whose last save is still being written stays unsaved until the next interval.
        _unsaved.RemoveWhere(partition => _checkpoints.TryBeginSave(CheckpointOf(partition), _nextOffsets[partition]));
    }

    private protected override IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        var positions = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            positions.Add(new TopicPartitionOffset(partition, _checkpoints is null ? Offset.Unset : Restore(consumer, partition)));
        }

        return positions;
    }

    private protected override void OnPartitionsRevoked(IEnumerable<TopicPartition> partitions)
    {
        // The outputs are flushed already; a delivery still outstanding (the flush timed out) forbids a checkpoint.
        var delivered = _checkpoints is not null && _producer!.FlushAll(TimeSpan.Zero);
        foreach (var partition in partitions)
        {
            var number = partition.Partition.Value;
            if (_checkpoints?.CompleteAsync(number).GetAwaiter().GetResult() is { } write)
            {
                Report(write);
            }

            if (delivered && _unsaved.Contains(number))
            {
                Save(number);
            }

            _unsaved.Remove(number);
            _nextOffsets.Remove(number);
            _stage.ForgetPartition(number);
            _progress.Released(number);
        }
    }

    private CheckpointPartition CheckpointOf(int partition) => new(ConsumerGroup, _topics.Events, partition);

    private void Save(int partition) =>
        Report(_checkpoints!.SaveAsync(CheckpointOf(partition), _nextOffsets[partition], CancellationToken.None).GetAwaiter().GetResult());

    private void Report(CheckpointWrite write)
    {
        var partition = write.Partition.Partition;
        if (write.Saved is { } saved)
        {
            LogCheckpointSaved(_logger, partition, saved.Incremental ? "incrementally" : "whole", saved.Written, saved.Identities, write.NextOffset,
                write.Capture.TotalMilliseconds, write.Write.TotalMilliseconds);
        }
        else if (write.Failure is { } failure)
        {
            // Scoring goes on; should the partition move first, its next owner restores the last checkpoint stored.
            LogCheckpointFailed(_logger, partition, write.NextOffset, failure);
        }
        else
        {
            LogCheckpointSuperseded(_logger, partition, write.NextOffset);
        }

        if (write.MustSaveAgain && _nextOffsets.ContainsKey(partition))
        {
            _unsaved.Add(partition);
        }
    }

    private Offset Restore(IConsumer<byte[]?, byte[]> consumer, TopicPartition partition)
    {
        var number = partition.Partition.Value;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var end = consumer.QueryWatermarkOffsets(partition, WatermarkTimeout).High.Value;
            if (_checkpoints!.RestoreAsync(CheckpointOf(number), end, CancellationToken.None).GetAwaiter().GetResult() is not { } checkpoint)
            {
                return Offset.Unset;
            }

            _nextOffsets[number] = checkpoint.NextOffset;
            var identities = _stage.PartitionState(number)?.Count ?? 0;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogCheckpointRestored(_logger, number, identities, checkpoint.NextOffset, elapsed);
            return new Offset(checkpoint.NextOffset);
        }
        catch (InvalidDataException ex)
        {
            LogCheckpointUnusable(_logger, number, ex.Message);
            return Offset.Unset;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint of partition {Partition} saved {Kind}: {Written} of {Identities} identities at offset {NextOffset}, captured in {CaptureMilliseconds:F1} ms while scoring waited and written in {WriteMilliseconds:F0} ms")]
    private static partial void LogCheckpointSaved(ILogger logger, int partition, string kind, int written, int identities, long nextOffset, double captureMilliseconds, double writeMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of partition {Partition} at offset {NextOffset} not saved; scoring goes on, and the partition is saved whole at the next interval")]
    private static partial void LogCheckpointFailed(ILogger logger, int partition, long nextOffset, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint of partition {Partition} at offset {NextOffset} not saved: the store holds another instance's checkpoint of it")]
    private static partial void LogCheckpointSuperseded(ILogger logger, int partition, long nextOffset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint of partition {Partition} restored: {Identities} identities; consuming from offset {NextOffset} ({Milliseconds:F0} ms)")]
    private static partial void LogCheckpointRestored(ILogger logger, int partition, int identities, long nextOffset, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of partition {Partition} not used, its identities start empty from the committed offset: {Reason}")]
    private static partial void LogCheckpointUnusable(ILogger logger, int partition, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoints postponed: outputs not yet acknowledged")]
    private static partial void LogCheckpointPostponed(ILogger logger);
}
