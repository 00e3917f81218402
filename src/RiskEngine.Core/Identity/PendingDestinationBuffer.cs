using System.Runtime.CompilerServices;

namespace RiskEngine.Core.Identity;

/// <summary>The pending destinations of a workload, inline in its <see cref="WorkloadHistory"/>: no array of their own.</summary>
[InlineArray(WorkloadHistory.PendingDestinationSlots)]
internal struct PendingDestinationBuffer
{
    private PendingDestination _element;
}
