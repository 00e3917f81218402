using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;

namespace RiskEngine.Kafka.Hosting;

/// <summary>
/// Validates the "Trust" section at start and on every reload of the configuration: the core's rules, and settings
/// earlier versions took that now mean nothing (refused with what replaced them, so an old file is not silently
/// half-applied). A reload that fails is logged here, because it fails on the configuration watcher's thread where
/// nothing else reports it; the scoring stage keeps the settings it had.
/// </summary>
public sealed partial class TrustOptionsReloadValidator : IValidateOptions<TrustOptions>
{
    private static readonly (string Key, string Replacement)[] Retired =
    [
        ("RecoveryPerHour", "Trust:RecoveryHalfLife, the event time in which half of what was lost comes back (default 02:00:00)"),
        ("RevokeThreshold", "Trust:Policy:Thresholds:<Public|Internal|Confidential|Restricted>:Revoke"),
        ("RearmThreshold", "Trust:Policy:RearmMargin, the points above the threshold that acted at which an action re-arms"),
    ];

    private readonly IConfiguration _section;
    private readonly ILogger<TrustOptionsReloadValidator> _logger;
    private readonly TrustOptionsValidator _rules = new();
    private bool _validatedOnce;

    public TrustOptionsReloadValidator(IConfiguration trustSection, ILogger<TrustOptionsReloadValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(trustSection);
        ArgumentNullException.ThrowIfNull(logger);
        _section = trustSection;
        _logger = logger;
    }

    public ValidateOptionsResult Validate(string? name, TrustOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, replacement) in Retired)
        {
            if (_section[key] is not null)
            {
                failures.Add($"Trust:{key} is no longer read; use {replacement}.");
            }
        }

        if (_rules.Validate(name, options) is { Failed: true } result)
        {
            failures.AddRange(result.Failures);
        }

        if (failures.Count == 0)
        {
            Volatile.Write(ref _validatedOnce, true);
            return ValidateOptionsResult.Success;
        }

        if (Volatile.Read(ref _validatedOnce))
        {
            var reasons = string.Join(" ", failures);
            LogReloadRejected(_logger, reasons);
        }

        return ValidateOptionsResult.Fail(failures);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The changed Trust settings are invalid and were not applied; scoring goes on with the previous ones. {Reasons}")]
    private static partial void LogReloadRejected(ILogger logger, string reasons);
}
