using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Trust;

/// <summary>Refuses settings that are each in range but make no sense together, and checks the nested sections.</summary>
public sealed class TrustOptionsValidator : IValidateOptions<TrustOptions>
{
    /// <summary>A weight beyond this would let one signal swamp every other.</summary>
    public const double MaxWeight = 10;

    public ValidateOptionsResult Validate(string? name, TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options, "Trust", failures);
        Check(options.Baseline, "Trust:Baseline", failures);
        Check(options.Levels, "Trust:Levels", failures);
        Check(options.Policy, "Trust:Policy", failures);
        Check(options.BlastRadius, "Trust:BlastRadius", failures);
        Check(options.ImpossibleTravel, "Trust:ImpossibleTravel", failures);
        Check(options.NewDevice, "Trust:NewDevice", failures);
        Check(options.FailedSignInBurst, "Trust:FailedSignInBurst", failures);
        Check(options.NewCountry, "Trust:NewCountry", failures);
        Check(options.NewAutonomousSystem, "Trust:NewAutonomousSystem", failures);
        Check(options.NewUserAgent, "Trust:NewUserAgent", failures);
        Check(options.AnonymizingNetworks, "Trust:AnonymizingNetworks", failures);
        Check(options.PasswordSpray, "Trust:PasswordSpray", failures);
        Check(options.MfaFatigue, "Trust:MfaFatigue", failures);
        Check(options.UnmanagedDevice, "Trust:UnmanagedDevice", failures);
        Check(options.SingleFactorSignIn, "Trust:SingleFactorSignIn", failures);
        Check(options.SessionReplay, "Trust:SessionReplay", failures);
        Check(options.NewDestination, "Trust:NewDestination", failures);
        Check(options.RequestRateSpike, "Trust:RequestRateSpike", failures);
        Check(options.ClientErrorSpike, "Trust:ClientErrorSpike", failures);
        Check(options.BytesSentSpike, "Trust:BytesSentSpike", failures);
        Check(options.DenyBurst, "Trust:DenyBurst", failures);
        Check(options.SensitivityEscalation, "Trust:SensitivityEscalation", failures);
        Check(options.ActivityAfterRevocation, "Trust:ActivityAfterRevocation", failures);
        Check(options.UnusualActivity, "Trust:UnusualActivity", failures);
        Check(options.RareAttributes, "Trust:RareAttributes", failures);
        CheckRecovery(options, failures);
        CheckLevels(options.Levels, failures);
        CheckWeights(options, failures);
        CheckPolicy(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRecovery(TrustOptions options, List<string> failures)
    {
        if (options.Baseline is { } baseline && baseline.HalfLife < options.RecoveryHalfLife)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, 
                $"Trust:Baseline:HalfLife ({baseline.HalfLife}) must be at least Trust:RecoveryHalfLife ({options.RecoveryHalfLife}): the normal moves slower than the score."));
        }
    }

    private static void CheckLevels(RiskLevelThresholds? levels, List<string> failures)
    {
        if (levels is not null && !(levels.HighBelow < levels.MediumBelow && levels.MediumBelow < levels.LowBelow))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, 
                $"Trust:Levels must satisfy HighBelow ({levels.HighBelow}) < MediumBelow ({levels.MediumBelow}) < LowBelow ({levels.LowBelow})."));
        }
    }

    private static void CheckWeights(TrustOptions options, List<string> failures)
    {
        if (options.Weights is null || options.Weights.Count == 0)
        {
            return;
        }

        // Names do not depend on settings: taken from the defaults, so a bad section elsewhere is reported as itself.
        var signals = new HashSet<string>(SignalCatalog.Create(new TrustOptions()).Select(signal => signal.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var (signal, weight) in options.Weights)
        {
            if (!signals.Contains(signal))
            {
                failures.Add($"Trust:Weights:{signal} names no signal; the signals are {string.Join(", ", signals.Order(StringComparer.Ordinal))}.");
            }

            if (!(weight >= 0 && weight <= MaxWeight))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Trust:Weights:{signal} ({weight}) must be between 0 and {MaxWeight}."));
            }
        }
    }

    private static void CheckPolicy(TrustOptions options, List<string> failures)
    {
        if (options.Policy?.Thresholds is not { } thresholds)
        {
            return;
        }

        ActionThresholds? lessSensitive = null;
        var lessSensitiveName = string.Empty;
        var highestStepUp = 0.0;
        foreach (var sensitivity in Enum.GetValues<ResourceSensitivity>())
        {
            var path = $"Trust:Policy:Thresholds:{sensitivity}";
            if (thresholds.For(sensitivity) is not { } current)
            {
                failures.Add($"{path} is required.");
                continue;
            }

            Check(current, path, failures);
            if (!(current.Revoke < current.StepUp && current.StepUp < current.RiskLevelChange))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, 
                    $"{path} must satisfy Revoke ({current.Revoke}) < StepUp ({current.StepUp}) < RiskLevelChange ({current.RiskLevelChange})."));
            }

            if (current.StepUpTo is not (AuthenticatorAssuranceLevel.Aal2 or AuthenticatorAssuranceLevel.Aal3))
            {
                failures.Add($"{path}:StepUpTo ({current.StepUpTo}) must be Aal2 or Aal3: a step-up asks for more than a password.");
            }

            if (lessSensitive is not null && !ActsNoLater(current, lessSensitive))
            {
                failures.Add(
                    $"{path} must act no later than {lessSensitiveName}: each of its thresholds and its StepUpTo must be at least the less sensitive one's.");
            }

            highestStepUp = Math.Max(highestStepUp, current.StepUp);
            lessSensitive = current;
            lessSensitiveName = path;
        }

        if (options.Baseline is { } baseline && baseline.Floor < highestStepUp + options.Policy.RearmMargin)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, 
                $"Trust:Baseline:Floor ({baseline.Floor}) must be at least the highest StepUp threshold plus Trust:Policy:RearmMargin ({highestStepUp + options.Policy.RearmMargin}); otherwise an identity whose normal sank to the floor could never be stepped up or revoked again."));
        }
    }

    private static bool ActsNoLater(ActionThresholds moreSensitive, ActionThresholds lessSensitive) =>
        moreSensitive.RiskLevelChange >= lessSensitive.RiskLevelChange
        && moreSensitive.StepUp >= lessSensitive.StepUp
        && moreSensitive.Revoke >= lessSensitive.Revoke
        && moreSensitive.StepUpTo >= lessSensitive.StepUpTo;

    private static void Check(object? section, string path, List<string> failures)
    {
        if (section is null)
        {
            failures.Add($"{path} is required.");
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
        }
    }
}
