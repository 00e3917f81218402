using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// The long-running engine: consumes the sign-in topic, runs each message through the pipeline on one
/// thread, produces its revocations and dead letters, and commits an input offset only once all of its
/// outputs are acknowledged. A delivery that cannot be made stops the engine (exit code 1) instead of
/// committing past it: restarted, it reprocesses and re-emits with the same <c>jti</c>.
/// </summary>
public sealed partial class SignInScoringWorker : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StoreInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaConnection _connection;
    private readonly TopicOptions _topics;
    private readonly SignInPipeline _pipeline;
    private readonly IEngineObserver[] _observers;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<SignInScoringWorker> _logger;
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SignInScoringWorker(
        KafkaConnection connection,
        IOptions<TopicOptions> topics,
        SignInPipeline pipeline,
        IEnumerable<IEngineObserver> observers,
        IHostApplicationLifetime lifetime,
        ILogger<SignInScoringWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(topics);
        _connection = connection;
        _topics = topics.Value;
        _pipeline = pipeline;
        _observers = observers.ToArray();
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Completes when the consumer group has first assigned this instance its partitions.</summary>
    public Task PartitionsAssigned => _assigned.Task;

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
            LogEngineStopped(_logger, ex);
            Environment.ExitCode = 1;
            _assigned.TrySetException(ex);
            _lifetime.StopApplication();
        }
    }

    private void Consume(CancellationToken stoppingToken)
    {
        var tracker = new OffsetTracker();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(_connection.CreateProducerConfig())
            .SetErrorHandler((_, error) => LogKafkaError(_logger, "producer", error.Code, error.Reason))
            .Build();
        PrimeMetadata(producer);
        var sink = new KafkaPipelineSink(producer, _topics, tracker, _observers);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(_connection.CreateConsumerConfig())
            .SetErrorHandler((_, error) => LogKafkaError(_logger, "consumer", error.Code, error.Reason))
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                LogPartitionsAssigned(_logger, partitions.Count);
                _assigned.TrySetResult();
            })
            .SetPartitionsRevokedHandler((c, partitions) =>
            {
                // Finish and commit what this instance started before another instance takes the partitions over.
                producer.Flush(ShutdownFlushTimeout);
                StoreFinished(c, tracker, sink);
                tracker.Forget(partitions.Select(p => p.TopicPartition));
                LogPartitionsRevoked(_logger, partitions.Count);
            })
            .Build();

        consumer.Subscribe(_topics.SignIns);
        LogConsuming(_logger, _topics.SignIns, _connection.BootstrapServers);
        var lastStore = DateTime.UtcNow;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = ConsumeNext(consumer);
                if (result is { IsPartitionEOF: false })
                {
                    Process(result, tracker, sink);
                }

                if (result is null || DateTime.UtcNow - lastStore >= StoreInterval)
                {
                    StoreFinished(consumer, tracker, sink);
                    lastStore = DateTime.UtcNow;
                }
            }

            producer.Flush(ShutdownFlushTimeout);
            StoreFinished(consumer, tracker, sink);
            CommitStored(consumer);
        }
        finally
        {
            consumer.Close();
        }
    }

    // A producer looks a topic up on its first send to it; doing that now keeps the lookup off the first revocation's path.
    private void PrimeMetadata(IProducer<byte[]?, byte[]> producer)
    {
        using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
        foreach (var topic in new[] { _topics.Revocations, _topics.DeadLetter })
        {
            admin.GetMetadata(topic, MetadataTimeout);
        }
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
            LogKafkaError(_logger, "consumer", ex.Error.Code, ex.Error.Reason);
            Thread.Sleep(PollInterval);
            return null;
        }
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

    private void Process(ConsumeResult<byte[]?, byte[]> result, OffsetTracker tracker, KafkaPipelineSink sink)
    {
        var kafkaMessage = result.Message;
        var timestamp = kafkaMessage.Timestamp.Type == TimestampType.NotAvailable
            ? (DateTimeOffset?)null
            : new DateTimeOffset(kafkaMessage.Timestamp.UtcDateTime, TimeSpan.Zero);
        var message = new InputMessage(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            kafkaMessage.Key ?? ReadOnlyMemory<byte>.Empty,
            kafkaMessage.Value ?? ReadOnlyMemory<byte>.Empty,
            timestamp);

        tracker.Begin(result.TopicPartition, result.Offset.Value);
        _pipeline.Process(message, sink);
        tracker.End();
    }

    private static void StoreFinished(IConsumer<byte[]?, byte[]> consumer, OffsetTracker tracker, KafkaPipelineSink sink)
    {
        if (sink.DeliveryFailure is { } failure)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring sign-ins from topic {Topic} at {BootstrapServers}")]
    private static partial void LogConsuming(ILogger logger, string topic, string bootstrapServers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assigned {Count} partitions")]
    private static partial void LogPartitionsAssigned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked {Count} partitions after flushing their outputs")]
    private static partial void LogPartitionsRevoked(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka {Client} error {Code}: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The engine stopped without committing unfinished input; it resumes from the last committed offset on restart")]
    private static partial void LogEngineStopped(ILogger logger, Exception exception);
}
