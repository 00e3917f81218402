namespace RiskEngine.Core.Identity;

/// <summary>The event times of an identity's most recent failures (denied decisions), in a fixed ring of <see cref="EventSeconds"/>.</summary>
public sealed class FailureWindow
{
    private readonly uint[] _seconds;
    private int _next;
    private int _count;

    public FailureWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _seconds = new uint[capacity];
    }

    public int Capacity => _seconds.Length;

    public void Record(DateTimeOffset failedAt)
    {
        _seconds[_next] = EventSeconds.Of(failedAt);
        _next = (_next + 1) % _seconds.Length;
        _count = Math.Min(_count + 1, _seconds.Length);
    }

    /// <summary>How many recorded failures fall in [from, to]; at most <see cref="Capacity"/>.</summary>
    public int CountBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var (fromSeconds, toSeconds) = (EventSeconds.Of(from), EventSeconds.Of(to));
        var count = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_seconds[i] >= fromSeconds && _seconds[i] <= toSeconds)
            {
                count++;
            }
        }

        return count;
    }
}
