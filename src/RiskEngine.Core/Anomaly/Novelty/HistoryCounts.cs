using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>The counts of an <see cref="IdentityHistory"/>, inline; 0 marks a free slot.</summary>
[InlineArray(IdentityHistory.Capacity)]
internal struct HistoryCounts
{
    private ushort _element;
}
