using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>One <see cref="IdentityHistory"/> per <see cref="CategoricalFeature"/>, inline.</summary>
[InlineArray(CategoricalObservation.FeatureCount)]
internal struct FeatureHistoryBuffer
{
    private IdentityHistory _element;
}
