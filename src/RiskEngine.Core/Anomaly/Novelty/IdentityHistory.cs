using RiskEngine.Core.Hashing;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// One identity's values of one feature: up to six values with their counts, and how many sightings there were in
/// all (40 bytes, inline: each value as its 64-bit hash folded to 32 bits, as sign-in history keeps values, and each
/// count in 16 bits). When a seventh value arrives the least counted one (the first of equals) gives way and the
/// newcomer starts at 1, so the habitual values stay; the total keeps counting, so an evicted value's share reads as
/// unseen. When a count would overflow, every count and the total are halved: the shares stay, and recent sightings
/// weigh a little more than those of long ago.
/// </summary>
public struct IdentityHistory
{
    public const int Capacity = 6;

    private HistoryValueKeys _values;
    private HistoryCounts _counts;
    private uint _total;

    /// <summary>Every sighting recorded, including those of values since evicted.</summary>
    public readonly uint Total => _total;

    public readonly uint CountOf(ulong valueHash) => CountOfKey(StableHash.Fold(valueHash));

    /// <summary>The count of the value whose 64-bit hash folds to <paramref name="key"/>, as <see cref="Identity.SignInKeys"/> keys it.</summary>
    public readonly uint CountOfKey(uint key)
    {
        for (var slot = 0; slot < Capacity; slot++)
        {
            if (_counts[slot] != 0 && _values[slot] == key)
            {
                return _counts[slot];
            }
        }

        return 0;
    }

    /// <summary>Counts one sighting; a <see cref="CategoricalObservation.Missing"/> value is not counted.</summary>
    public void Record(ulong valueHash)
    {
        if (valueHash == CategoricalObservation.Missing)
        {
            return;
        }

        var key = StableHash.Fold(valueHash);
        var target = 0;
        for (var slot = 0; slot < Capacity; slot++)
        {
            // slots fill in order and never empty, so the first free one ends the search
            if (_counts[slot] == 0)
            {
                target = slot;
                break;
            }

            if (_values[slot] == key)
            {
                if (_counts[slot] == ushort.MaxValue)
                {
                    Halve();
                }

                _counts[slot]++;
                _total++;
                return;
            }

            if (_counts[slot] < _counts[target])
            {
                target = slot;
            }
        }

        _values[target] = key;
        _counts[target] = 1;
        _total++;
    }

    // Rounds up, so a value seen stays seen (a zero count marks a free slot); the total stays at least the counts' sum.
    private void Halve()
    {
        var counted = 0u;
        for (var slot = 0; slot < Capacity; slot++)
        {
            _counts[slot] = (ushort)((_counts[slot] + 1) / 2);
            counted += _counts[slot];
        }

        _total = Math.Max((_total + 1) / 2, counted);
    }
}
