using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Trust;

/// <summary>
/// The trust scores below which an identity's risk is low, medium and high. Bound from "Trust:Levels";
/// <see cref="TrustOptionsValidator"/> requires <c>HighBelow &lt; MediumBelow &lt; LowBelow</c>.
/// </summary>
public sealed class RiskLevelThresholds
{
    [Range(0, 100)]
    public double LowBelow { get; set; } = 85;

    [Range(0, 100)]
    public double MediumBelow { get; set; } = 60;

    [Range(0, 100)]
    public double HighBelow { get; set; } = 40;

    public RiskLevel Of(double score) =>
        score < HighBelow ? RiskLevel.High
        : score < MediumBelow ? RiskLevel.Medium
        : score < LowBelow ? RiskLevel.Low
        : RiskLevel.None;
}
