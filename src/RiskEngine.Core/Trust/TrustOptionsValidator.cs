using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RiskEngine.Core.Trust;

/// <summary>Refuses settings that are each in range but make no sense together, and checks the nested sections.</summary>
public sealed class TrustOptionsValidator : IValidateOptions<TrustOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options, "Trust", failures);
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
        if (options.RearmThreshold < options.RevokeThreshold)
        {
            failures.Add(
                $"Trust:RearmThreshold ({options.RearmThreshold}) must be at least Trust:RevokeThreshold ({options.RevokeThreshold}); " +
                "otherwise an identity would be re-armed while still below the revoke threshold.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}: {r.ErrorMessage}"));
        }
    }
}
