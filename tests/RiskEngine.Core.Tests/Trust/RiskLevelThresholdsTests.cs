using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class RiskLevelThresholdsTests
{
    [Theory]
    [InlineData(100, RiskLevel.None)]
    [InlineData(85, RiskLevel.None)]       // at a threshold is not below it
    [InlineData(84.9, RiskLevel.Low)]
    [InlineData(60, RiskLevel.Low)]
    [InlineData(59.9, RiskLevel.Medium)]
    [InlineData(40, RiskLevel.Medium)]
    [InlineData(39.9, RiskLevel.High)]
    [InlineData(0, RiskLevel.High)]
    public void The_default_levels_start_below_85_60_and_40(double score, RiskLevel expected) =>
        Assert.Equal(expected, new RiskLevelThresholds().Of(score));
}
