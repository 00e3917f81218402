using Confluent.Kafka;
using RiskEngine.Pipeline;
using RiskEngine.Replay.Recorded;
using RiskEngine.Sources;

namespace RiskEngine.Cli.Replaying;

/// <summary>
/// One partition of a topic between two offsets, read by a consumer of its own that joins no group and commits
/// nothing: a replay must not move production's offsets. Messages keep their broker time, so event times are
/// judged against it as production judged them.
/// </summary>
public sealed class RecordedTopicPartition : IRecordedMessages
{
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly long _start;
    private readonly long _end;
    private long _next;

    /// <param name="end">Exclusive: the first offset not to replay.</param>
    public RecordedTopicPartition(ConsumerConfig config, TopicPartition partition, long start, long end, SourceFormat format)
    {
        ArgumentNullException.ThrowIfNull(partition);
        Name = $"{partition.Topic}/{partition.Partition.Value}";
        Format = format;
        (_start, _end, _next) = (start, end, start);
        _consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        if (start < end)
        {
            _consumer.Assign(new TopicPartitionOffset(partition, new Offset(start)));
        }
    }

    public string Name { get; }

    public SourceFormat Format { get; }

    public double Done => _end <= _start ? 1 : (Volatile.Read(ref _next) - _start) / (double)(_end - _start);

    public bool TryRead(out InputMessage message)
    {
        var waitingSince = DateTime.UtcNow;
        while (_next < _end)
        {
            var result = _consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null || result.IsPartitionEOF)
            {
                if (DateTime.UtcNow - waitingSince > StallLimit)
                {
                    throw new InvalidDataException($"{Name}: no message at offset {_next} after {StallLimit.TotalSeconds:0} s, though the partition's end was {_end}; was it deleted by retention while replaying?");
                }

                continue;
            }

            Volatile.Write(ref _next, result.Offset.Value + 1);
            if (result.Offset.Value >= _end)
            {
                break;
            }

            var timestamp = result.Message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(result.Message.Timestamp.UnixTimestampMs);
            message = new InputMessage(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, timestamp);
            return true;
        }

        message = default;
        return false;
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
