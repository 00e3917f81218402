namespace RiskEngine.Core.Trust;

/// <summary>
/// How much risk an identity's trust score says it carries, in increasing order. CAEP's <c>risk-level-change</c>
/// knows LOW, MEDIUM and HIGH only, so <see cref="None"/> travels as LOW.
/// </summary>
public enum RiskLevel : byte
{
    /// <summary>Nothing weighs on the identity: its score is at or near its normal.</summary>
    None,
    Low,
    Medium,
    High,
}
