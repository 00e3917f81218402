namespace RiskEngine.Core.Identity;

/// <summary>
/// The devices an identity has signed in from, bounded so one identity cannot grow without limit:
/// when full, the device seen longest ago makes room.
/// </summary>
public sealed class KnownDevices
{
    private readonly ulong[] _fingerprints;
    private readonly long[] _lastSeenTicks;
    private int _count;

    public KnownDevices(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _fingerprints = new ulong[capacity];
        _lastSeenTicks = new long[capacity];
    }

    public int Count => _count;

    public bool Contains(ulong fingerprint) => IndexOf(fingerprint) >= 0;

    public void Remember(ulong fingerprint, DateTimeOffset seenAt)
    {
        if (fingerprint == DeviceFingerprint.None)
        {
            return;
        }

        var index = IndexOf(fingerprint);
        if (index < 0)
        {
            index = _count < _fingerprints.Length ? _count++ : LeastRecentlySeen();
            _fingerprints[index] = fingerprint;
        }

        _lastSeenTicks[index] = Math.Max(_lastSeenTicks[index], seenAt.UtcTicks);
    }

    private int IndexOf(ulong fingerprint) => Array.IndexOf(_fingerprints, fingerprint, 0, _count);

    private int LeastRecentlySeen()
    {
        var oldest = 0;
        for (var i = 1; i < _count; i++)
        {
            if (_lastSeenTicks[i] < _lastSeenTicks[oldest])
            {
                oldest = i;
            }
        }

        return oldest;
    }
}
