using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Native;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Subscription;

/// <summary>
/// Follows the SET topic and applies every verified <c>session-revoked</c> to the <see cref="RevokedSet"/>. It reads
/// every partition itself (no consumer group: every PEP needs every revocation), starting at the offsets of
/// <see cref="PepOptions.RevocationLifetime"/> ago, so a restarted PEP rebuilds what is still in force from the topic,
/// then follows live. A SET that fails verification is logged, counted and skipped; nothing in a message stops it.
/// </summary>
public sealed partial class RevocationSubscriber : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly PepOptions _options;
    private readonly JsonWebKeyStore _keys;
    private readonly SecurityEventTokenVerifier _verifier;
    private readonly RevokedSet _revoked;
    private readonly ISecurityEventObserver[] _observers;
    private readonly PepMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RevocationSubscriber> _logger;
    private readonly List<HeldSecurityEventToken> _held = [];
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _offsetResets;

    public RevocationSubscriber(
        IOptions<PepOptions> options,
        JsonWebKeyStore keys,
        SecurityEventTokenVerifier verifier,
        RevokedSet revoked,
        IEnumerable<ISecurityEventObserver> observers,
        PepMetrics metrics,
        TimeProvider time,
        ILogger<RevocationSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observers);
        _options = options.Value;
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _revoked = revoked ?? throw new ArgumentNullException(nameof(revoked));
        _observers = [.. observers];
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Completes once every partition has been read to the end it had at start: the revoked set is rebuilt.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>
    /// How often the SET topic no longer held this PEP's position (it fell further behind than retention), so that it
    /// read on from the earliest SET kept: revocations removed before it read them are not enforced here.
    /// </summary>
    public long OffsetResets => Interlocked.Read(ref _offsetResets);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // Consume blocks its thread; a thread of its own keeps it off the pool.
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        try
        {
            LoadKeys(stoppingToken);
            using IConsumer<Ignore, byte[]> consumer = BuildConsumer();
            List<TopicPartition> partitions = WaitForPartitions(consumer, stoppingToken);
            _revoked.Reset();
            consumer.Assign(StartOffsets(consumer, partitions));
            Follow(consumer, partitions.Count, stoppingToken);
            consumer.Close();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _caughtUp.TrySetCanceled(CancellationToken.None);
        }
    }

    private void Follow(IConsumer<Ignore, byte[]> consumer, int partitionCount, CancellationToken stoppingToken)
    {
        var partitionsAtEnd = new HashSet<int>();
        long read = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]>? result;
            try
            {
                result = consumer.Consume(PollInterval);
            }
            catch (ConsumeException ex)
            {
                LogConsumeFailed(_logger, ex.Error.Reason);
                continue;
            }

            RefreshKeysIfDue(stoppingToken);
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                if (partitionsAtEnd.Add(result.Partition.Value) && partitionsAtEnd.Count == partitionCount && _caughtUp.TrySetResult())
                {
                    int inForce = _revoked.Snapshot().Count;
                    LogCaughtUp(_logger, _options.Topic, read, inForce);
                }

                continue;
            }

            read++;
            var message = new HeldSecurityEventToken(
                result.Message.Value ?? [], result.Message.Timestamp.UtcDateTime, result.Partition.Value, result.Offset.Value);
            Handle(message, stoppingToken);
        }
    }

    private void Handle(HeldSecurityEventToken message, CancellationToken stoppingToken)
    {
        VerificationResult result = _verifier.Verify(message.Token);
        if (result.Failure == VerificationFailure.UnknownKey)
        {
            // The engine publishes a key before it signs with it, so an unknown kid first means our copy is old.
            if (!_keys.TryRefreshForUnknownKeyAsync(stoppingToken).GetAwaiter().GetResult())
            {
                Hold(message, result);
                return;
            }

            result = _verifier.Verify(message.Token);
        }

        Complete(message, result);
    }

    private void Hold(HeldSecurityEventToken message, VerificationResult result)
    {
        if (_held.Count >= _options.MaxHeldSecurityEventTokens)
        {
            Complete(message, result with { Detail = $"{result.Detail}, and {_held.Count} SETs already wait for the next JWKS fetch" });
            return;
        }

        _held.Add(message);
        LogHeld(_logger, message.Partition, message.Offset, result.Detail);
    }

    private void RefreshKeysIfDue(CancellationToken stoppingToken)
    {
        bool refreshed = _held.Count > 0
            ? _keys.CanRefreshForUnknownKey && _keys.TryRefreshForUnknownKeyAsync(stoppingToken).GetAwaiter().GetResult()
            : _keys.IsStale && _keys.TryRefreshIfStaleAsync(stoppingToken).GetAwaiter().GetResult();
        if (!refreshed || _held.Count == 0)
        {
            return;
        }

        HeldSecurityEventToken[] held = [.. _held];
        _held.Clear();
        foreach (HeldSecurityEventToken message in held)
        {
            Complete(message, _verifier.Verify(message.Token));
        }
    }

    private void Complete(HeldSecurityEventToken message, VerificationResult result)
    {
        if (result.Event is { } securityEvent)
        {
            Apply(securityEvent, message);
            return;
        }

        _metrics.Rejected(result.Failure);
        LogRejected(_logger, message.Partition, message.Offset, result.Failure, result.Detail);
        var rejected = new RejectedSecurityEvent(result.Failure, result.Detail, message.Partition, message.Offset);
        foreach (ISecurityEventObserver observer in _observers)
        {
            try
            {
                observer.Rejected(rejected);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }
    }

    private void Apply(VerifiedSecurityEvent securityEvent, HeldSecurityEventToken message)
    {
        bool revoked = false;
        if (securityEvent.EventType == CaepEventTypes.SessionRevoked)
        {
            // A complex subject naming a session ends that session alone; naming only a user, every session of the user.
            revoked = securityEvent switch
            {
                { Session: { } session } => _revoked.Revoke(RevocationScope.Session, session, securityEvent.EventTime, securityEvent.Jti),
                { User: { } user } => _revoked.Revoke(RevocationScope.User, user, securityEvent.EventTime, securityEvent.Jti),
                _ => false,
            };
        }

        var applied = new AppliedSecurityEvent(
            securityEvent, revoked, _time.GetUtcNow(), _time.GetTimestamp(), message.MessageTimestamp, message.Partition, message.Offset);
        _metrics.Applied(securityEvent.EventType);
        if (revoked)
        {
            string subject = (securityEvent.Session ?? securityEvent.User)!.Value.ToString();
            LogRevoked(_logger, securityEvent.Session is null ? RevocationScope.User : RevocationScope.Session, subject, securityEvent.EventTime, securityEvent.Jti);
        }

        foreach (ISecurityEventObserver observer in _observers)
        {
            try
            {
                observer.Applied(applied);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogObserverFailed(_logger, observer.GetType().Name, ex);
            }
        }
    }

    private void LoadKeys(CancellationToken stoppingToken)
    {
        // Without keys nothing can be verified; the SETs wait in Kafka meanwhile, so waiting here loses nothing. The
        // wait starts short and doubles up to the refresh interval: a PEP started beside the engine (a sidecar, or the
        // engine's own OPA feed, which starts before its HTTP listener) gets its keys as soon as the JWKS answers.
        var wait = TimeSpan.FromMilliseconds(100);
        while (!_keys.RefreshAsync(stoppingToken).GetAwaiter().GetResult())
        {
            Task.Delay(wait, _time, stoppingToken).GetAwaiter().GetResult();
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.JwksMinRefreshInterval.Ticks));
        }
    }

    private IConsumer<Ignore, byte[]> BuildConsumer()
    {
        Librdkafka.EnsureLoaded();
        KafkaOptions kafka = _options.Kafka;
        var config = new ConsumerConfig(KafkaClientProperties.Create(kafka, kafka.EffectiveBootstrapServers!))
        {
            ClientId = "riskengine-pep",
            // Required by the client, though never joined: partitions are assigned, not subscribed, and nothing is committed.
            GroupId = "riskengine-pep",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            // A position retention removed reads on from the oldest SET kept, not the newest: only what is gone is lost.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SocketNagleDisable = true,
            FetchWaitMaxMs = kafka.FetchWaitMaxMs ?? _options.FetchWaitMaxMs,
        };
        return new ConsumerBuilder<Ignore, byte[]>(config)
            .SetErrorHandler((_, error) => LogKafkaError(_logger, error.Code, error.Reason))
            .SetLogHandler((_, message) => OnClientLog(message))
            .Build();
    }

    private List<TopicPartition> WaitForPartitions(IConsumer<Ignore, byte[]> consumer, CancellationToken stoppingToken)
    {
        bool logged = false;
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            try
            {
                TopicMetadata? topic = TopicMetadataLookup.Describe(consumer.Handle, _options.Topic, MetadataTimeout);
                if (topic is { Error.IsError: false, Partitions.Count: > 0 })
                {
                    return [.. topic.Partitions.Select(partition => new TopicPartition(_options.Topic, partition.PartitionId))];
                }
            }
            catch (KafkaException ex)
            {
                LogConsumeFailed(_logger, ex.Error.Reason);
            }

            if (!logged)
            {
                LogWaitingForTopic(_logger, _options.Topic);
                logged = true;
            }

            Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).GetAwaiter().GetResult();
        }
    }

    private List<TopicPartitionOffset> StartOffsets(IConsumer<Ignore, byte[]> consumer, List<TopicPartition> partitions)
    {
        if (_options.StartPosition == StartPosition.Earliest)
        {
            LogStartingAtEarliest(_logger, _options.Topic, partitions.Count);
            return [.. partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning))];
        }

        DateTimeOffset since = _time.GetUtcNow() - _options.RevocationLifetime;
        try
        {
            var timestamp = new Timestamp(since.UtcDateTime, TimestampType.CreateTime);
            List<TopicPartitionOffset> offsets = consumer.OffsetsForTimes(
                partitions.Select(partition => new TopicPartitionTimestamp(partition, timestamp)), MetadataTimeout);
            // No message since then leaves the partition at its end (offset -1), which is where to start.
            LogStarting(_logger, _options.Topic, partitions.Count, since);
            return offsets;
        }
        catch (KafkaException ex)
        {
            LogOffsetsForTimesFailed(_logger, _options.Topic, ex.Error.Reason);
            return [.. partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning))];
        }
    }

    // A reset SET position is a gap in what this PEP enforces: revocations retention removed before it read them.
    private void OnClientLog(LogMessage message)
    {
        if (KafkaClientLog.IsOffsetReset(message))
        {
            Interlocked.Increment(ref _offsetResets);
            _metrics.PositionLost();
            LogRevocationsLost(_logger, message.Message);
            return;
        }

        KafkaClientLog.Forward(_logger, "pep", "consumer", message);
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The SET topic no longer held this PEP's position, so it reads on from the earliest SET kept: revocations retention removed before it read them are not enforced here ({Reset})")]
    private static partial void LogRevocationsLost(ILogger logger, string reset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading SET topic {Topic} ({Partitions} partitions) from the earliest SET kept")]
    private static partial void LogStartingAtEarliest(ILogger logger, string topic, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading SET topic {Topic} ({Partitions} partitions) from the first SET produced since {Since:O}")]
    private static partial void LogStarting(ILogger logger, string topic, int partitions, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up offsets by time on {Topic} ({Reason}); reading it from the beginning")]
    private static partial void LogOffsetsForTimesFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caught up with SET topic {Topic}: {Read} SETs read, {InForce} revocations in force")]
    private static partial void LogCaughtUp(ILogger logger, string topic, long read, int inForce);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SET topic {Topic} does not exist yet; waiting for it")]
    private static partial void LogWaitingForTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked {Scope} {Subject} as of {RevokedAt:O} (SET {Jti})")]
    private static partial void LogRevoked(ILogger logger, RevocationScope scope, string subject, DateTimeOffset revokedAt, string jti);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected the SET at partition {Partition} offset {Offset}: {Failure}, {Detail}")]
    private static partial void LogRejected(ILogger logger, int partition, long offset, VerificationFailure failure, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Holding the SET at partition {Partition} offset {Offset} for the next JWKS fetch: {Detail}")]
    private static partial void LogHeld(ILogger logger, int partition, long offset, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the SET topic failed: {Reason}")]
    private static partial void LogConsumeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SET observer {Observer} failed")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);
}
