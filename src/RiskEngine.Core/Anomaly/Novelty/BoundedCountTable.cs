using System.Numerics;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// Exact counts of 64-bit value hashes in a fixed open-addressing table: a value is looked for in the 8 slots from
/// its home slot; when all 8 hold other values, the least counted of them gives way and the newcomer starts at 1.
/// Frequent values therefore stay exact and a flood of one-off values churns only the rarest slots. The total counts
/// every observation, evicted ones included, so evicted mass reads as unseen. Not safe for concurrent writers.
/// </summary>
internal sealed class BoundedCountTable
{
    private const int ProbeLength = 8;

    private readonly ulong[] _keys;
    private readonly uint[] _counts;
    private readonly int _homeShift;

    public BoundedCountTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, ProbeLength);
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _keys = new ulong[slots];
        _counts = new uint[slots];
        _homeShift = 64 - BitOperations.Log2((uint)slots);
    }

    public long Total { get; private set; }

    /// <summary>How many distinct values the table holds now.</summary>
    public int Distinct { get; private set; }

    public void Increment(ulong key)
    {
        Total++;
        var leastCounted = -1;
        for (var probe = 0; probe < ProbeLength; probe++)
        {
            var slot = Slot(key, probe);
            if (_counts[slot] == 0)
            {
                _keys[slot] = key;
                _counts[slot] = 1;
                Distinct++;
                return;
            }

            if (_keys[slot] == key)
            {
                if (_counts[slot] != uint.MaxValue)
                {
                    _counts[slot]++;
                }

                return;
            }

            if (leastCounted < 0 || _counts[slot] < _counts[leastCounted])
            {
                leastCounted = slot;
            }
        }

        _keys[leastCounted] = key;
        _counts[leastCounted] = 1;
    }

    public uint CountOf(ulong key)
    {
        for (var probe = 0; probe < ProbeLength; probe++)
        {
            var slot = Slot(key, probe);
            if (_counts[slot] == 0)
            {
                return 0;
            }

            if (_keys[slot] == key)
            {
                return _counts[slot];
            }
        }

        return 0;
    }

    // Fibonacci hashing spreads even sequential keys; slots are never emptied, so a key's run of probes has no gaps.
    private int Slot(ulong key, int probe) =>
        (int)(((key * 0x9E3779B97F4A7C15UL) >> _homeShift) + (ulong)probe) & (_keys.Length - 1);
}
