using System.Diagnostics.CodeAnalysis;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>An identity's <see cref="IdentityHistory"/> for every categorical feature: 200 bytes, inline.</summary>
public struct IdentityFeatureHistories
{
    private FeatureHistoryBuffer _histories;

    [UnscopedRef]
    public readonly ref readonly IdentityHistory this[CategoricalFeature feature] => ref _histories[(int)feature];

    /// <summary>Counts one sighting in the feature's history; a missing value is not counted.</summary>
    public void Record(CategoricalFeature feature, ulong valueHash) => _histories[(int)feature].Record(valueHash);

    /// <summary>Counts each value of a sign-in in its feature's history, skipping missing ones.</summary>
    public void Record(in CategoricalObservation observation)
    {
        for (var feature = 0; feature < CategoricalObservation.FeatureCount; feature++)
        {
            Record((CategoricalFeature)feature, observation[(CategoricalFeature)feature]);
        }
    }
}
