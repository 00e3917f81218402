using Confluent.Kafka;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// At-least-once bookkeeping: a partition's offset may be stored (and so committed) past a message only
/// when every output that message caused has been acknowledged by Kafka. Messages without outputs cost
/// nothing; only those with outputs are queued. Begin/Track/End/Collect run on the consume thread;
/// <see cref="Complete"/> runs on the producer's delivery thread.
/// </summary>
internal sealed class OffsetTracker
{
    private readonly Dictionary<TopicPartition, PartitionProgress> _partitions = [];
    private PartitionProgress? _partition;
    private PendingOutputs? _pending;
    private long _offset;

    public void Begin(TopicPartition partition, long offset)
    {
        if (!_partitions.TryGetValue(partition, out _partition))
        {
            _partition = new PartitionProgress(partition);
            _partitions.Add(partition, _partition);
        }

        _offset = offset;
        _pending = null;
    }

    /// <summary>Counts one more output of the current message; pass the handle to <see cref="Complete"/> on delivery.</summary>
    public PendingOutputs Track()
    {
        if (_pending is null)
        {
            // The extra count held until End keeps the message open while it is still producing outputs.
            _pending = new PendingOutputs(_offset, outstanding: 1);
            _partition!.Pending.Enqueue(_pending);
        }

        Interlocked.Increment(ref _pending.Outstanding);
        return _pending;
    }

    public void End()
    {
        _partition!.Consumed = _offset;
        if (_pending is not null)
        {
            Interlocked.Decrement(ref _pending.Outstanding);
        }
    }

    public static void Complete(PendingOutputs pending) => Interlocked.Decrement(ref pending.Outstanding);

    /// <summary>The offsets that may now be stored: per partition, the first message not yet finished.</summary>
    public List<TopicPartitionOffset>? CollectStorable()
    {
        List<TopicPartitionOffset>? storable = null;
        foreach (var progress in _partitions.Values)
        {
            while (progress.Pending.TryPeek(out var head) && Volatile.Read(ref head.Outstanding) == 0)
            {
                progress.Pending.Dequeue();
            }

            var next = progress.Pending.TryPeek(out var unfinished) ? unfinished.Offset : progress.Consumed + 1;
            if (next > progress.Stored)
            {
                progress.Stored = next;
                (storable ??= []).Add(new TopicPartitionOffset(progress.Partition, next));
            }
        }

        return storable;
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _partitions.Remove(partition);
        }
    }

    internal sealed class PendingOutputs(long offset, int outstanding)
    {
        public readonly long Offset = offset;
        public int Outstanding = outstanding;
    }

    private sealed class PartitionProgress(TopicPartition partition)
    {
        public TopicPartition Partition { get; } = partition;

        public Queue<PendingOutputs> Pending { get; } = new();

        public long Consumed { get; set; } = -1;

        public long Stored { get; set; } = -1;
    }
}
