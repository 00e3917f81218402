namespace RiskEngine.Thresholds.Tests.Support;

/// <summary>A clock that starts at a known time and moves one second each time it is read, so each stored version has a time of its own.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private long _reads;

    public override DateTimeOffset GetUtcNow() => start.AddSeconds(Interlocked.Increment(ref _reads) - 1);
}
