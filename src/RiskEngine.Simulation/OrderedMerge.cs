namespace RiskEngine.Simulation;

internal static class OrderedMerge
{
    /// <summary>
    /// Merges sequences that are each in non-decreasing <paramref name="key"/> order into one such sequence; ties go
    /// to the earlier sequence. Lazy: holds one pending item per sequence.
    /// </summary>
    public static IEnumerable<T> Merge<T>(IReadOnlyList<IEnumerable<T>> sources, Func<T, long> key)
    {
        var pending = new PriorityQueue<IEnumerator<T>, (long Key, int Source)>(sources.Count);
        try
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var source = sources[i].GetEnumerator();
                if (source.MoveNext())
                {
                    pending.Enqueue(source, (key(source.Current), i));
                }
                else
                {
                    source.Dispose();
                }
            }

            // The source stays queued while its item is yielded, so an abandoned enumeration still disposes it.
            while (pending.TryPeek(out var source, out var priority))
            {
                yield return source.Current;
                if (source.MoveNext())
                {
                    pending.DequeueEnqueue(source, (key(source.Current), priority.Source));
                }
                else
                {
                    pending.Dequeue().Dispose();
                }
            }
        }
        finally
        {
            foreach (var (source, _) in pending.UnorderedItems)
            {
                source.Dispose();
            }
        }
    }
}
