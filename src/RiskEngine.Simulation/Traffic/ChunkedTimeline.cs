namespace RiskEngine.Simulation.Traffic;

/// <summary>
/// The events of one actor over a run, in non-decreasing time, made a chunk of time at a time so that a long run
/// never holds more than a chunk or so of them. A chunk's events may run past its end (a workday that started
/// before midnight); they wait in a queue until no later chunk can come before them.
/// </summary>
internal abstract class ChunkedTimeline(DateTimeOffset start, DateTimeOffset end, TimeSpan chunk)
{
    private readonly PriorityQueue<TrafficEvent, (long Ticks, long Sequence)> _queue = new();
    private long _sequence;
    private DateTimeOffset _chunkStart;

    protected DateTimeOffset Start { get; } = start;

    protected DateTimeOffset End { get; } = end;

    /// <summary>The events in non-decreasing time (ties in the order they were made); enumerate once.</summary>
    public IEnumerable<TrafficEvent> Events()
    {
        for (_chunkStart = Start; _chunkStart < End; _chunkStart += chunk)
        {
            var chunkEnd = _chunkStart + chunk < End ? _chunkStart + chunk : End;
            Fill(_chunkStart, chunkEnd);
            while (_queue.TryPeek(out _, out var next) && next.Ticks < chunkEnd.UtcTicks)
            {
                yield return _queue.Dequeue();
            }
        }

        while (_queue.TryDequeue(out var late, out var at) && at.Ticks < End.UtcTicks)
        {
            yield return late;
        }
    }

    /// <summary>Makes the events that begin in [<paramref name="from"/>, <paramref name="to"/>) through <see cref="Add"/>; none earlier.</summary>
    protected abstract void Fill(DateTimeOffset from, DateTimeOffset to);

    /// <exception cref="InvalidOperationException">The event is earlier than the chunk being made: it could come after later events.</exception>
    protected void Add(TrafficEvent trafficEvent)
    {
        if (trafficEvent.Time < _chunkStart)
        {
            throw new InvalidOperationException($"{GetType().Name} made an event at {trafficEvent.Time:O}, before the chunk it was making ({_chunkStart:O}).");
        }

        _queue.Enqueue(trafficEvent, (trafficEvent.Time.UtcTicks, _sequence++));
    }
}
