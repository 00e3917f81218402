namespace RiskEngine.Caep.Tokens;

/// <summary>The risk levels of CAEP's <c>risk-level-change</c>, written LOW, MEDIUM, HIGH.</summary>
public enum CaepRiskLevel
{
    Low,
    Medium,
    High,
}
