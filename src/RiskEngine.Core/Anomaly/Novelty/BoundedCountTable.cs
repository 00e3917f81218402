using System.Numerics;
using System.Runtime.InteropServices;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// Exact counts of 64-bit value hashes in a fixed open-addressing table: a value is looked for in the 8 slots from
/// its home slot; when all 8 hold other values, the least counted of them gives way and the newcomer starts at 1.
/// Frequent values therefore stay exact and a flood of one-off values churns only the rarest slots. The total counts
/// every observation, evicted ones included, so evicted mass reads as unseen. Not safe for concurrent writers.
/// Each slot holds its key and its count side by side, 12 bytes: the tables run to tens of megabytes, and a lookup in
/// separate key and count arrays missed the cache twice.
/// </summary>
internal sealed class BoundedCountTable
{
    private const int ProbeLength = 8;

    private readonly Entry[] _slots;
    private readonly int _homeShift;

    public BoundedCountTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, ProbeLength);
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new Entry[slots];
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
            ref var entry = ref _slots[Slot(key, probe)];
            if (entry.Count == 0)
            {
                entry = new Entry(key, 1);
                Distinct++;
                return;
            }

            if (entry.Key == key)
            {
                if (entry.Count != uint.MaxValue)
                {
                    entry.Count++;
                }

                return;
            }

            if (leastCounted < 0 || entry.Count < _slots[leastCounted].Count)
            {
                leastCounted = Slot(key, probe);
            }
        }

        _slots[leastCounted] = new Entry(key, 1);
    }

    public uint CountOf(ulong key)
    {
        for (var probe = 0; probe < ProbeLength; probe++)
        {
            var entry = _slots[Slot(key, probe)];
            if (entry.Count == 0)
            {
                return 0;
            }

            if (entry.Key == key)
            {
                return entry.Count;
            }
        }

        return 0;
    }

    // Fibonacci hashing spreads even sequential keys; slots are never emptied, so a key's run of probes has no gaps.
    private int Slot(ulong key, int probe) =>
        (int)(((key * 0x9E3779B97F4A7C15UL) >> _homeShift) + (ulong)probe) & (_slots.Length - 1);

    /// <summary>A value's key and count, packed to 12 bytes (an unaligned key costs nothing on the platforms we run on).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct Entry(ulong key, uint count)
    {
        public ulong Key = key;
        public uint Count = count;
    }
}
