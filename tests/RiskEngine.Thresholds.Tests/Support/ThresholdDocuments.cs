using RiskEngine.Core.Trust;

namespace RiskEngine.Thresholds.Tests.Support;

/// <summary>Thresholds documents the tests store: the defaults, and the defaults with one change.</summary>
internal static class ThresholdDocuments
{
    /// <summary>The thresholds of the default Trust settings.</summary>
    public static ThresholdSettings Defaults() => ThresholdSettings.Of(new TrustOptions());

    /// <summary>The defaults with the Internal resources' step-up at <paramref name="stepUp"/>: default 60, coherent from 41 to 65 (Confidential's step-up).</summary>
    public static ThresholdSettings WithInternalStepUp(double stepUp)
    {
        var thresholds = Defaults();
        thresholds.Policy.Thresholds.Internal.StepUp = stepUp;
        return thresholds;
    }

    /// <summary>Internal revocation at 70, above its step-up at 60: a revoke threshold less severe than the step-up threshold.</summary>
    public static ThresholdSettings RevokingBeforeSteppingUp()
    {
        var thresholds = Defaults();
        thresholds.Policy.Thresholds.Internal.Revoke = 70;
        return thresholds;
    }
}
