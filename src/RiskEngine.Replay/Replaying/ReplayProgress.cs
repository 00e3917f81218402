namespace RiskEngine.Replay.Replaying;

/// <summary>How far a running replay has got, written by its scoring thread and read by whoever shows it.</summary>
public sealed class ReplayProgress
{
    private long _events;
    private Func<double> _done = () => 0;

    /// <summary>Events scored so far.</summary>
    public long Events => Volatile.Read(ref _events);

    /// <summary>The share of the inputs read, 0 to 1.</summary>
    public double Done => Volatile.Read(ref _done)();

    internal void Track(Func<double> done) => Volatile.Write(ref _done, done);

    internal void Scored(long count) => Interlocked.Add(ref _events, count);
}
