using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>The value hashes of an <see cref="IdentityHistory"/>, inline.</summary>
[InlineArray(IdentityHistory.Capacity)]
internal struct HistoryValueHashes
{
    private ulong _element;
}
