namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// How often each value of each feature has been seen across all identities, in bounded memory. Each feature has a
/// fixed open-addressing table of exact counts (12 bytes a value; about 77 MiB with the default capacities) rather
/// than a count-min sketch: a sketch only over-estimates and cannot tell a value never seen from a rare one, which is
/// the very distinction novelty scoring needs. When a table's neighbourhood is full the least counted value there is
/// evicted, so common values stay exact and rare ones may read as unseen. Not safe for concurrent writers.
/// </summary>
public sealed class PopulationFrequencies
{
    private readonly BoundedCountTable[] _tables = new BoundedCountTable[CategoricalObservation.FeatureCount];

    public PopulationFrequencies(PopulationFrequenciesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var feature in Enum.GetValues<CategoricalFeature>())
        {
            _tables[(int)feature] = new BoundedCountTable(options.CapacityOf(feature));
        }
    }

    /// <summary>Counts one sighting; a <see cref="CategoricalObservation.Missing"/> value is not counted.</summary>
    public void Record(CategoricalFeature feature, ulong valueHash)
    {
        if (valueHash != CategoricalObservation.Missing)
        {
            _tables[(int)feature].Increment(valueHash);
        }
    }

    public void Record(in CategoricalObservation observation)
    {
        for (var feature = 0; feature < CategoricalObservation.FeatureCount; feature++)
        {
            Record((CategoricalFeature)feature, observation[(CategoricalFeature)feature]);
        }
    }

    public uint CountOf(CategoricalFeature feature, ulong valueHash) => _tables[(int)feature].CountOf(valueHash);

    /// <summary>Every sighting counted for the feature, including those of values since evicted.</summary>
    public long Total(CategoricalFeature feature) => _tables[(int)feature].Total;

    /// <summary>How many distinct values of the feature are held now.</summary>
    public int DistinctValues(CategoricalFeature feature) => _tables[(int)feature].Distinct;
}
