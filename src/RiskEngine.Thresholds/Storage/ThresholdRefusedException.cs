namespace RiskEngine.Thresholds.Storage;

/// <summary>A change the store would not record, with every reason: settings that make no sense together, a missing author, an unknown version.</summary>
public sealed class ThresholdRefusedException(IReadOnlyList<string> reasons)
    : Exception("The thresholds were not changed: " + string.Join(" ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
