namespace RiskEngine.ReferenceData.Models;

/// <summary>
/// How the model fits its training data: the share of the normalised variance its components explain, and the
/// distribution of its scores (0: the event lies in the span of normal activity, 1: entirely outside it).
/// </summary>
public sealed record ModelMetrics(
    double ExplainedVariance,
    double ScoreMedian,
    double ScoreP90,
    double ScoreP99,
    double ScoreMax,
    double FlaggedShare);
