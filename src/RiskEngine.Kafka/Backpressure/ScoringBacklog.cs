using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Kafka.Backpressure;

/// <summary>
/// How far the scoring stage is behind on the events topic, per partition: the end of what was written there less the
/// next offset to score. This process's own figures (<see cref="EventsTopicProgress"/>) are exact and immediate; the
/// cluster's (high watermarks, and the scoring group's committed offsets for partitions another process scores) are
/// asked for every <see cref="BackpressureOptions.CheckInterval"/>, so the measure holds when the stages run in
/// different processes, erring towards pausing there since commits trail scoring by up to a second. The decode stage
/// asks <see cref="Evaluate"/> before reading on: it must pause above the bound in any partition, until every
/// partition is under half of it.
/// </summary>
public sealed partial class ScoringBacklog : BackgroundService
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly KafkaConnection _connection;
    private readonly EventsTopicProgress _progress;
    private readonly string _topic;
    private readonly string _scoringGroup;
    private readonly BackpressureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private ClusterOffsets _cluster = new([], []);
    private BacklogMeasurement _latest;
    private volatile bool _overloaded;
    private long _pauses;

    public ScoringBacklog(
        KafkaConnection connection,
        EventsTopicProgress progress,
        IOptions<KafkaOptions> kafka,
        IOptions<TopicOptions> topics,
        IOptions<BackpressureOptions> options,
        IMeterFactory meterFactory,
        TimeProvider time,
        ILogger<ScoringBacklog> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(kafka);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _connection = connection;
        _progress = progress;
        _topic = topics.Value.Events;
        _scoringGroup = ScoringWorker.ConsumerGroupOf(kafka.Value);
        _options = options.Value;
        _time = time;
        _logger = logger;
        PauseAbove = _options.EffectiveMaxScoringBacklog(connection.IsEmbedded);
        var meter = meterFactory.Create(EngineMetrics.MeterName);
        meter.CreateObservableGauge("riskengine.scoring.backlog", () => Latest.Total, "{event}", "Events on the events topic not yet scored");
        meter.CreateObservableCounter("riskengine.backpressure.pauses", () => Pauses, "{pause}", "Times the decode stage paused its input for the scoring stage to catch up");
    }

    /// <summary>Events a partition may hold unscored before decoding pauses; it resumes below half of it.</summary>
    public long PauseAbove { get; }

    /// <summary>True while the decode stage must not read its input.</summary>
    public bool IsOverloaded => _overloaded;

    /// <summary>Times the backlog went over the bound.</summary>
    public long Pauses => Interlocked.Read(ref _pauses);

    /// <summary>The backlog as last evaluated.</summary>
    public BacklogMeasurement Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    /// <summary>Measures the backlog from the freshest figures, decides whether decoding must pause, and says so.</summary>
    public bool Evaluate()
    {
        lock (_lock)
        {
            var measurement = Measure(_cluster);
            _latest = measurement;
            if (!_overloaded && measurement.Largest > PauseAbove)
            {
                _pauses++;
                _overloaded = true;
                LogOverloaded(_logger, measurement.Largest, measurement.LargestPartition, _topic, measurement.Total, PauseAbove, PauseAbove / 2);
            }
            else if (_overloaded && measurement.Largest < PauseAbove / 2)
            {
                _overloaded = false;
                LogCaughtUp(_logger, measurement.Total, _topic);
            }

            return _overloaded;
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        // A consumer of the scoring group that never subscribes: it reads the group's committed offsets without joining it.
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(_connection.CreateConsumerConfig(_scoringGroup)).Build();
        List<TopicPartition>? partitions = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                partitions ??= (TopicMetadataLookup.Describe(consumer.Handle, _topic, RequestTimeout)
                        ?? throw new KafkaException(ErrorCode.UnknownTopicOrPart)).Partitions
                    .Select(partition => new TopicPartition(_topic, partition.PartitionId)).ToList();
                var cluster = Query(consumer, partitions);
                lock (_lock)
                {
                    _cluster = cluster;
                }

                Evaluate();
            }
            catch (KafkaException ex)
            {
                // Leaves the last figures standing: a broker that does not answer is no reason to resume or to pause.
                LogMeasurementFailed(_logger, _topic, ex.Error.Code, ex.Error.Reason);
                partitions = null;
            }

            stoppingToken.WaitHandle.WaitOne(_options.CheckInterval);
        }
    }

    private static ClusterOffsets Query(IConsumer<byte[]?, byte[]> consumer, List<TopicPartition> partitions)
    {
        var committed = consumer.Committed(partitions, RequestTimeout).ToDictionary(offset => offset.Partition.Value, offset => offset.Offset.Value);
        var count = partitions.Max(partition => partition.Partition.Value) + 1;
        var highs = new long[count];
        var positions = new long[count];
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
            var index = partition.Partition.Value;
            highs[index] = watermarks.High.Value;
            // A group that has committed nothing in a partition reads it from the earliest offset kept.
            positions[index] = Math.Max(committed.GetValueOrDefault(index, Offset.Unset.Value), watermarks.Low.Value);
        }

        return new ClusterOffsets(highs, positions);
    }

    private BacklogMeasurement Measure(ClusterOffsets cluster)
    {
        long total = 0;
        long largest = 0;
        var largestPartition = 0;
        var count = Math.Max(cluster.Highs.Length, _progress.Partitions);
        for (var partition = 0; partition < count; partition++)
        {
            var queried = partition < cluster.Highs.Length;
            var end = Math.Max(queried ? cluster.Highs[partition] : 0, _progress.WrittenEnd(partition) ?? 0);
            // Where this process scores the partition its position is exact; elsewhere the group's commit is all there is.
            long? position = _progress.ScoredNext(partition) ?? (queried ? cluster.Positions[partition] : null);
            if (position is not { } next)
            {
                continue;
            }

            var behind = Math.Max(0, end - next);
            total += behind;
            if (behind > largest)
            {
                largest = behind;
                largestPartition = partition;
            }
        }

        return new BacklogMeasurement(total, largest, largestPartition, _time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Scoring is {Largest} events behind in partition {Partition} of {Topic} ({Total} in all), over the {PauseAbove} allowed: decoding pauses until every partition is under {ResumeBelow}")]
    private static partial void LogOverloaded(ILogger logger, long largest, int partition, string topic, long total, long pauseAbove, long resumeBelow);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scoring caught up to {Total} events behind on {Topic}: decoding resumes")]
    private static partial void LogCaughtUp(ILogger logger, long total, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure the scoring backlog on {Topic}: {Code} {Reason}")]
    private static partial void LogMeasurementFailed(ILogger logger, string topic, ErrorCode code, string reason);

    /// <summary>The cluster's figures per partition: high watermarks, and where the scoring group will read next.</summary>
    private sealed record ClusterOffsets(long[] Highs, long[] Positions);
}
