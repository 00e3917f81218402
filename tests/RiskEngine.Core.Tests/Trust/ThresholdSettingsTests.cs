using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Tests.Trust;

public sealed class ThresholdSettingsTests
{
    [Fact]
    public void A_document_lays_its_levels_policy_and_weights_over_the_configuration_as_its_version()
    {
        var configured = new TrustOptions();
        var thresholds = ThresholdSettings.Parse("""
            {
              "levels": { "lowBelow": 90, "mediumBelow": 70, "highBelow": 45 },
              "policy": { "rearmMargin": 5, "thresholds": { "restricted": { "riskLevelChange": 95, "stepUp": 72, "revoke": 60, "stepUpTo": "Aal3" } } },
              "weights": { "impossible-travel": 2 }
            }
            """);

        var validation = thresholds.ApplyTo(configured, version: 7);

        var applied = Assert.IsType<TrustOptions>(validation.Applied);
        Assert.Equal(7, applied.ThresholdVersion);
        Assert.Equal(45, applied.Levels.HighBelow);
        Assert.Equal(60, applied.Policy.Thresholds.Restricted.Revoke);
        Assert.Equal(40, applied.Policy.Thresholds.Internal.Revoke);      // not in the document: the default
        Assert.Equal(2, applied.Weights["Impossible-Travel"]);
        Assert.Equal(1.5, applied.Weights["failed-sign-in-burst"]);        // a configured weight the document leaves alone
        Assert.Equal(configured.RecoveryHalfLife, applied.RecoveryHalfLife);
        Assert.Equal(0, configured.ThresholdVersion);
        Assert.False(configured.Weights.ContainsKey("impossible-travel"));
    }

    [Fact]
    public void Settings_that_make_no_sense_together_are_refused_with_each_reason()
    {
        var thresholds = ThresholdSettings.Parse("""
            { "levels": { "lowBelow": 50, "mediumBelow": 60, "highBelow": 40 },
              "policy": { "thresholds": { "internal": { "riskLevelChange": 80, "stepUp": 90, "revoke": 40 } } },
              "weights": { "no-such-signal": 1 } }
            """);

        var validation = thresholds.ApplyTo(new TrustOptions(), version: 1);

        Assert.False(validation.Succeeded);
        Assert.Contains(validation.Failures, failure => failure.Contains("HighBelow (40) < MediumBelow (60) < LowBelow (50)", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, failure => failure.Contains("Internal must satisfy Revoke (40) < StepUp (90) < RiskLevelChange (80)", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, failure => failure.Contains("no-such-signal names no signal", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "levels": { "lowBelow": 150, "mediumBelow": 60, "highBelow": 40 } }""", "LowBelow")]
    [InlineData("""{ "weights": { "new-device": -1 } }""", "new-device")]
    public void Out_of_range_numbers_are_refused(string json, string named)
    {
        var validation = ThresholdSettings.Parse(json).ApplyTo(new TrustOptions(), version: 1);

        Assert.Contains(validation.Failures, failure => failure.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "policy": { "thresholds": { "internal": { "revok": 30 } } } }""", "revok")]
    [InlineData("""{ "levels": { "lowBelow": "NaN" } }""", "lowBelow")]
    [InlineData("""{ "levels": """, "levels")]
    [InlineData("null", "null")]
    public void A_misspelt_member_or_a_document_that_is_not_one_is_refused_as_it_is_read(string json, string named)
    {
        var error = Assert.ThrowsAny<JsonException>(() => ThresholdSettings.Parse(json));

        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_settings_in_use_written_out_read_back_the_same()
    {
        var options = new TrustOptions();

        var again = ThresholdSettings.Parse(ThresholdSettings.Of(options).ToJson()).ApplyTo(options, version: 2);

        var applied = Assert.IsType<TrustOptions>(again.Applied);
        Assert.Equal(ThresholdSettings.Of(options).ToJson(), ThresholdSettings.Of(applied).ToJson());
        Assert.Equal(AuthenticatorAssuranceLevel.Aal3, applied.Policy.Thresholds.Restricted.StepUpTo);
    }
}
