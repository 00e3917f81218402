namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>What <see cref="MartingaleChangePointDetector"/> made of one value.</summary>
/// <param name="PValue">The two-sided adaptive-kernel p-value of the value against the window.</param>
/// <param name="MartingaleScore">exp of the sum of the log bets over the change-history window.</param>
/// <param name="IsChangePoint">The score reached the threshold, outside the quiet period after the last alert.</param>
public readonly record struct ChangePointResult(double PValue, double MartingaleScore, bool IsChangePoint);
