using Microsoft.Extensions.Options;

namespace RiskEngine.Caep.Signing;

/// <summary>Checks the rotation timings of <see cref="SigningOptions"/>; the keys themselves are checked when loaded.</summary>
public sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    /// <summary>The shortest re-read interval: a key directory is read whole each time.</summary>
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest timer period the runtime allows, rounded down to a day.</summary>
    public static readonly TimeSpan MaximumRefreshInterval = TimeSpan.FromDays(49);

    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.PublishAhead < TimeSpan.Zero)
        {
            failures.Add($"{nameof(SigningOptions)}.{nameof(SigningOptions.PublishAhead)} must not be negative (got {options.PublishAhead}).");
        }

        if (options.Retention < TimeSpan.Zero)
        {
            failures.Add($"{nameof(SigningOptions)}.{nameof(SigningOptions.Retention)} must not be negative (got {options.Retention}).");
        }

        if (options.RefreshInterval != TimeSpan.Zero
            && (options.RefreshInterval < MinimumRefreshInterval || options.RefreshInterval > MaximumRefreshInterval))
        {
            failures.Add(
                $"{nameof(SigningOptions)}.{nameof(SigningOptions.RefreshInterval)} must be zero (never) or between {MinimumRefreshInterval} and {MaximumRefreshInterval} (got {options.RefreshInterval}).");
        }

        if (options.KeyDirectory is { } directory && string.IsNullOrWhiteSpace(directory))
        {
            failures.Add($"{nameof(SigningOptions)}.{nameof(SigningOptions.KeyDirectory)} must be a path or absent.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
