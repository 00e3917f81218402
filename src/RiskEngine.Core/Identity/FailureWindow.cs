namespace RiskEngine.Core.Identity;

/// <summary>The event times of an identity's most recent failed sign-ins, in a fixed ring.</summary>
public sealed class FailureWindow
{
    private readonly long[] _ticks;
    private int _next;
    private int _count;

    public FailureWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ticks = new long[capacity];
    }

    public int Capacity => _ticks.Length;

    public void Record(DateTimeOffset failedAt)
    {
        _ticks[_next] = failedAt.UtcTicks;
        _next = (_next + 1) % _ticks.Length;
        _count = Math.Min(_count + 1, _ticks.Length);
    }

    /// <summary>How many recorded failures fall in [from, to]; at most <see cref="Capacity"/>.</summary>
    public int CountBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var count = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_ticks[i] >= from.UtcTicks && _ticks[i] <= to.UtcTicks)
            {
                count++;
            }
        }

        return count;
    }
}
