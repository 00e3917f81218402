using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Kafka.Observability;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The consume loop both stages share: consume in a consumer group, run each message through the stage on
/// one thread, produce its outputs, and store an input offset only once all of its outputs are acknowledged.
/// A delivery that cannot be made stops the engine (exit code 1) instead of committing past it: restarted, it
/// reprocesses and re-emits with the same ids.
/// </summary>
public abstract partial class StageWorker : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StoreInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The most messages a stage reads between two calls of its between-messages work (back-pressure, checkpoints):
    /// a fast stage reads thousands in the 100 ms that otherwise separate them.
    /// </summary>
    public const int BetweenEvery = 256;
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    // Lag is read from the consumer's cached watermarks, never asked of the broker per event.
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    // Read, never written: what a message consumed without header marshalling is handed.
    private static readonly Headers NoHeaders = [];

    private readonly KafkaConnection _connection;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PartitionLag[] _lag = [];
    private long _inputOffsetResets;

    private protected StageWorker(KafkaConnection connection, IHostApplicationLifetime lifetime, ILogger logger)
    {
        _connection = connection;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>The stage's name in logs and metrics: decode, scoring, or a SET consumer's.</summary>
    public string Stage => StageName;

    /// <summary>Completes when the consumer group has first assigned this instance its partitions.</summary>
    public Task PartitionsAssigned => _assigned.Task;

    /// <summary>The stage's lag per assigned input partition, measured every second.</summary>
    public IReadOnlyList<PartitionLag> Lag => Volatile.Read(ref _lag);

    /// <summary>
    /// How often the stage's input position was reset because the broker no longer held it: each time, what retention
    /// removed before the stage read it is lost (and logged as an error). Never expected on a cluster sized for the load.
    /// </summary>
    public long InputOffsetResets => Interlocked.Read(ref _inputOffsetResets);

    /// <summary>Ready once the consumer group has assigned the stage (even no partitions); failed for good once it stopped.</summary>
    public StageHealth Health => _assigned.Task.Status switch
    {
        TaskStatus.RanToCompletion when ExecuteTask is { IsCompleted: true } => new(StageName, false, $"the {StageName} stage has stopped"),
        TaskStatus.RanToCompletion => new(StageName, true, $"the {StageName} stage is consuming"),
        TaskStatus.Faulted => new(StageName, false, $"the {StageName} stage stopped: {_assigned.Task.Exception!.InnerException!.Message}"),
        _ => new(StageName, false, $"the {StageName} stage's consumer has not been assigned partitions yet"),
    };

    private protected abstract string StageName { get; }

    private protected abstract string ConsumerGroup { get; }

    private protected abstract IReadOnlyCollection<string> InputTopics { get; }

    private protected abstract IReadOnlyCollection<string> OutputTopics { get; }

    /// <summary>The configuration of the producer the stage's outputs go through: by default one that sends at once.</summary>
    private protected virtual ProducerConfig CreateProducerConfig(KafkaConnection connection) => connection.CreateProducerConfig();

    /// <summary>Called on the consume thread before the first message, with the producer the stage's outputs go through.</summary>
    private protected abstract void Open(TrackedProducer producer);

    /// <summary>
    /// Runs one input message through the stage; its outputs go through the producer given to <see cref="Open"/>.
    /// <paramref name="headers"/> are the message's Kafka headers, which only the SET topic's consumers read.
    /// </summary>
    private protected abstract void Process(in InputMessage message, Headers headers);

    /// <summary>
    /// Called on the consume thread between messages, every 100 ms (or when idle, after finished offsets are stored)
    /// and every 256 messages: to pause or resume the consumer's partitions, or for work on a timer of the stage's
    /// own. A paused consumer goes on polling and storing offsets.
    /// </summary>
    private protected virtual void BetweenMessages(IConsumer<byte[]?, byte[]> consumer)
    {
    }

    /// <summary>
    /// Called on the consume thread when partitions are assigned, before any of their messages: where to consume each
    /// from (<see cref="Offset.Unset"/> for the committed offset).
    /// </summary>
    private protected virtual IEnumerable<TopicPartitionOffset> OnPartitionsAssigned(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions) =>
        partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Unset));

    /// <summary>Called after the outputs of revoked partitions are flushed and their offsets stored.</summary>
    private protected virtual void OnPartitionsRevoked(IEnumerable<TopicPartition> partitions)
    {
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            Consume(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEngineStopped(_logger, StageName, ex);
            Environment.ExitCode = 1;
            _assigned.TrySetException(ex);
            _lifetime.StopApplication();
        }
    }

    private void Consume(CancellationToken stoppingToken)
    {
        var tracker = new OffsetTracker();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(CreateProducerConfig(_connection))
            .SetErrorHandler((_, error) => LogKafkaError(_logger, StageName, "producer", error.Code, error.Reason))
            .SetLogHandler((_, message) => KafkaClientLog.Forward(_logger, StageName, "producer", message))
            .Build();
        PrimeMetadata(producer);
        var outputs = new TrackedProducer(producer, tracker);
        Open(outputs);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(_connection.CreateConsumerConfig(ConsumerGroup))
            .SetErrorHandler((_, error) => LogKafkaError(_logger, StageName, "consumer", error.Code, error.Reason))
            .SetLogHandler((_, message) => OnConsumerLog(message))
            .SetPartitionsAssignedHandler((c, partitions) =>
            {
                LogPartitionsAssigned(_logger, StageName, partitions.Count);
                var positions = OnPartitionsAssigned(c, partitions);
                _assigned.TrySetResult();
                return positions;
            })
            .SetPartitionsRevokedHandler((c, partitions) =>
            {
                // Finish and commit what this instance started before another instance takes the partitions over.
                producer.Flush(ShutdownFlushTimeout);
                StoreFinished(c, tracker, outputs);
                var revoked = partitions.Select(p => p.TopicPartition).ToList();
                tracker.Forget(revoked);
                OnPartitionsRevoked(revoked);
                LogPartitionsRevoked(_logger, StageName, partitions.Count);
            })
            .Build();

        consumer.Subscribe(InputTopics);
        LogConsuming(_logger, StageName, InputTopics, _connection.BootstrapServers);
        var lastStore = DateTime.UtcNow;
        var lastLag = DateTime.MinValue;
        var sinceBetween = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = ConsumeNext(consumer);
                if (result is { IsPartitionEOF: false })
                {
                    tracker.Begin(result.TopicPartition, result.Offset.Value);
                    Process(ToInputMessage(result), result.Message.Headers ?? NoHeaders);
                    tracker.End();
                }

                if (result is null || DateTime.UtcNow - lastStore >= StoreInterval)
                {
                    StoreFinished(consumer, tracker, outputs);
                    BetweenMessages(consumer);
                    lastStore = DateTime.UtcNow;
                    if (lastStore - lastLag >= LagInterval)
                    {
                        MeasureLag(consumer);
                        lastLag = lastStore;
                    }
                }
                else if (++sinceBetween % BetweenEvery == 0)
                {
                    BetweenMessages(consumer);
                }
            }

            producer.Flush(ShutdownFlushTimeout);
            StoreFinished(consumer, tracker, outputs);
            CommitStored(consumer);
        }
        finally
        {
            consumer.Close();
        }
    }

    // A producer looks a topic up on its first send to it; doing that now keeps the lookup off the first output's path.
    private void PrimeMetadata(IProducer<byte[]?, byte[]> producer)
    {
        foreach (var topic in OutputTopics)
        {
            TopicMetadataLookup.Describe(producer.Handle, topic, MetadataTimeout);
        }
    }

    private void OnConsumerLog(LogMessage message)
    {
        if (KafkaClientLog.IsOffsetReset(message))
        {
            Interlocked.Increment(ref _inputOffsetResets);
            LogInputLost(_logger, StageName, message.Message);
            return;
        }

        KafkaClientLog.Forward(_logger, StageName, "consumer", message);
    }

    private void MeasureLag(IConsumer<byte[]?, byte[]> consumer)
    {
        var lag = new List<PartitionLag>();
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            // Both are known only once the partition has been fetched from; until then its lag is not reported.
            if (high != Offset.Unset && position != Offset.Unset)
            {
                lag.Add(new PartitionLag(StageName, partition.Topic, partition.Partition.Value, Math.Max(0, high.Value - position.Value)));
            }
        }

        Volatile.Write(ref _lag, [.. lag]);
    }

    private ConsumeResult<byte[]?, byte[]>? ConsumeNext(IConsumer<byte[]?, byte[]> consumer)
    {
        try
        {
            return consumer.Consume(PollInterval);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal)
        {
            // A topic not created yet, a broker moving a leader: librdkafka recovers by itself; keep polling.
            LogKafkaError(_logger, StageName, "consumer", ex.Error.Code, ex.Error.Reason);
            Thread.Sleep(PollInterval);
            return null;
        }
    }

    private static InputMessage ToInputMessage(ConsumeResult<byte[]?, byte[]> result)
    {
        var kafkaMessage = result.Message;
        var timestamp = kafkaMessage.Timestamp.Type == TimestampType.NotAvailable
            ? (DateTimeOffset?)null
            : new DateTimeOffset(kafkaMessage.Timestamp.UtcDateTime, TimeSpan.Zero);
        return new InputMessage(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            kafkaMessage.Key ?? ReadOnlyMemory<byte>.Empty,
            kafkaMessage.Value ?? ReadOnlyMemory<byte>.Empty,
            timestamp);
    }

    private static void CommitStored(IConsumer<byte[]?, byte[]> consumer)
    {
        try
        {
            consumer.Commit();
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing was stored since the last commit.
        }
    }

    private static void StoreFinished(IConsumer<byte[]?, byte[]> consumer, OffsetTracker tracker, TrackedProducer outputs)
    {
        if (outputs.DeliveryFailure is { } failure)
        {
            throw new KafkaException(failure);
        }

        if (tracker.CollectStorable() is { } offsets)
        {
            foreach (var offset in offsets)
            {
                consumer.StoreOffset(offset);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stage} stage consuming {Topics} at {BootstrapServers}")]
    private static partial void LogConsuming(ILogger logger, string stage, IReadOnlyCollection<string> topics, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stage} stage assigned {Count} partitions")]
    private static partial void LogPartitionsAssigned(ILogger logger, string stage, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stage} stage revoked {Count} partitions after flushing their outputs")]
    private static partial void LogPartitionsRevoked(ILogger logger, string stage, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stage} stage: Kafka {Client} error {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string stage, string client, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{Stage} stage lost input: the broker no longer held its position, so it reads on from the earliest offset kept; messages retention removed before it read them will not be processed ({Reset})")]
    private static partial void LogInputLost(ILogger logger, string stage, string reset);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Stage} stage stopped without committing unfinished input; it resumes from the last committed offset on restart")]
    private static partial void LogEngineStopped(ILogger logger, string stage, Exception exception);
}
