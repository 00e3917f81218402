using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace RiskEngine.Ssf;

/// <summary>Checks <see cref="SsfOptions"/> and its nested sections (DataAnnotations alone do not descend into them) and what no attribute can say.</summary>
public sealed class SsfOptionsValidator : IValidateOptions<SsfOptions>
{
    public ValidateOptionsResult Validate(string? name, SsfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (section, value) in new (string, object)[] { ("Ssf", options), ("Ssf:Storage", options.Storage), ("Ssf:Push", options.Push), ("Ssf:Poll", options.Poll) })
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(result => $"{section}: {result.ErrorMessage}"));
            }
        }

        if (options.PublicBaseUrl is { } publicBase && (!publicBase.IsAbsoluteUri || publicBase.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(publicBase.Query)))
        {
            failures.Add($"Ssf:PublicBaseUrl '{publicBase}' must be an absolute http(s) URL without a query.");
        }

        if (options.Push.InitialRetryDelay > options.Push.MaxRetryDelay)
        {
            failures.Add($"Ssf:Push:InitialRetryDelay ({options.Push.InitialRetryDelay}) must not exceed MaxRetryDelay ({options.Push.MaxRetryDelay}).");
        }

        if (options.Poll.DefaultMaxEvents > options.Poll.MaxEventsLimit)
        {
            failures.Add($"Ssf:Poll:DefaultMaxEvents ({options.Poll.DefaultMaxEvents}) must not exceed MaxEventsLimit ({options.Poll.MaxEventsLimit}).");
        }

        if (options.Storage.MissingConnectionString("Ssf:Storage") is { } missing)
        {
            failures.Add(missing);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
