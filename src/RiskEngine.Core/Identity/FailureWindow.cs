using RiskEngine.Core.Identity.Checkpoints;

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

    internal void WriteTo(StateWriter writer)
    {
        writer.WriteCount(_count);
        writer.WriteCount(_next);
        writer.WriteUInt32s(_seconds.AsSpan(0, _count));
    }

    internal static FailureWindow ReadFrom(ref StateReader reader, int capacity)
    {
        var window = new FailureWindow(capacity)
        {
            _count = reader.ReadCount(capacity),
        };
        window._next = reader.ReadCount(capacity - 1);
        reader.ReadUInt32s(window._seconds.AsSpan(0, window._count));
        return window;
    }
}
