using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>The 32-bit value keys of an <see cref="IdentityHistory"/>, inline.</summary>
[InlineArray(IdentityHistory.Capacity)]
internal struct HistoryValueKeys
{
    private uint _element;
}
