namespace RiskEngine.Kafka.Backpressure;

/// <summary>
/// What this process knows first-hand of the events topic, per partition: the end of what its decode stage has
/// written there (from delivery reports) and the next offset its scoring stage will score, while it owns the
/// partition. <see cref="ScoringBacklog"/> prefers it to the cluster's figures, which come a request later.
/// </summary>
public sealed class EventsTopicProgress
{
    /// <summary>Partitions beyond this are left to the cluster's figures.</summary>
    public const int MaxPartitions = 4096;

    private const long Unknown = -1;
    private readonly long[] _writtenEnd = new long[MaxPartitions];
    private readonly long[] _scoredNext = new long[MaxPartitions];
    private int _partitions;

    public EventsTopicProgress()
    {
        Array.Fill(_writtenEnd, Unknown);
        Array.Fill(_scoredNext, Unknown);
    }

    /// <summary>One more than the highest partition either stage has reported.</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>The decode stage's event was acknowledged at <paramref name="offset"/> (any thread, any order).</summary>
    public void Written(int partition, long offset)
    {
        if (!Tracked(partition))
        {
            return;
        }

        ref var end = ref _writtenEnd[partition];
        var seen = Volatile.Read(ref end);
        while (offset + 1 > seen)
        {
            var before = Interlocked.CompareExchange(ref end, offset + 1, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }

        Extend(partition);
    }

    /// <summary>The scoring stage has taken the event at <paramref name="offset"/> (its consume thread).</summary>
    public void Scored(int partition, long offset)
    {
        if (Tracked(partition))
        {
            Volatile.Write(ref _scoredNext[partition], offset + 1);
            Extend(partition);
        }
    }

    /// <summary>The scoring stage no longer owns the partition: its position is another instance's now.</summary>
    public void Released(int partition)
    {
        if (Tracked(partition))
        {
            Volatile.Write(ref _scoredNext[partition], Unknown);
        }
    }

    /// <summary>The end of what this process wrote to the partition, or null when it wrote nothing there.</summary>
    public long? WrittenEnd(int partition) => Known(_writtenEnd, partition);

    /// <summary>The next offset this process will score in the partition, or null when it does not own it.</summary>
    public long? ScoredNext(int partition) => Known(_scoredNext, partition);

    private static bool Tracked(int partition) => partition is >= 0 and < MaxPartitions;

    private static long? Known(long[] offsets, int partition) =>
        Tracked(partition) && Volatile.Read(ref offsets[partition]) is var offset and not Unknown ? offset : null;

    private void Extend(int partition)
    {
        var count = Volatile.Read(ref _partitions);
        while (partition >= count)
        {
            var before = Interlocked.CompareExchange(ref _partitions, partition + 1, count);
            if (before == count)
            {
                return;
            }

            count = before;
        }
    }
}
