using Microsoft.Extensions.Options;
using RiskEngine.Sources;

namespace RiskEngine.Functions;

/// <summary>What DataAnnotations cannot say about <see cref="FunctionsOptions"/>: the function names and their formats.</summary>
internal sealed class FunctionsOptionsValidator : IValidateOptions<FunctionsOptions>
{
    public ValidateOptionsResult Validate(string? name, FunctionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Formats.Count == 0)
        {
            failures.Add("Functions:Formats names no function");
        }

        foreach (var (function, format) in options.Formats)
        {
            if (string.IsNullOrWhiteSpace(function) || function.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                failures.Add($"Functions:Formats:{function}: a function name is its folder's name: ASCII letters, digits, '-' and '_' only");
            }

            if (!Enum.IsDefined(format))
            {
                failures.Add($"Functions:Formats:{function}: {format} is not a format (Entra, Okta, Envoy, Linkerd, Opa or Auto)");
            }
        }

        if (!Path.IsPathFullyQualified(options.DeadLetterDirectory))
        {
            failures.Add($"Functions:DeadLetterDirectory must be an absolute path, not '{options.DeadLetterDirectory}'");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
