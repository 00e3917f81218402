namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// One identity's values of one feature: up to six value hashes with their counts, and how many sightings there were
/// in all (80 bytes, inline). When a seventh value arrives the least counted one (the first of equals) gives way and
/// the newcomer starts at 1, so the habitual values stay; the total keeps counting, so an evicted value's share reads
/// as unseen.
/// </summary>
public struct IdentityHistory
{
    public const int Capacity = 6;

    private HistoryValueHashes _values;
    private HistoryCounts _counts;
    private uint _total;

    /// <summary>Every sighting recorded, including those of values since evicted.</summary>
    public readonly uint Total => _total;

    public readonly uint CountOf(ulong valueHash)
    {
        for (var slot = 0; slot < Capacity; slot++)
        {
            if (_counts[slot] != 0 && _values[slot] == valueHash)
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

        _total++;
        var target = 0;
        for (var slot = 0; slot < Capacity; slot++)
        {
            // slots fill in order and never empty, so the first free one ends the search
            if (_counts[slot] == 0)
            {
                target = slot;
                break;
            }

            if (_values[slot] == valueHash)
            {
                _counts[slot]++;
                return;
            }

            if (_counts[slot] < _counts[target])
            {
                target = slot;
            }
        }

        _values[target] = valueHash;
        _counts[target] = 1;
    }
}
