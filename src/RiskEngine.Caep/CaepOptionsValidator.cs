using Microsoft.Extensions.Options;

namespace RiskEngine.Caep;

/// <summary>
/// Checks <see cref="CaepOptions"/> against RFC 7519's StringOrURI rule for <c>iss</c> and <c>aud</c>:
/// any non-empty string, except that one containing ':' must be an absolute URI; and that a risk claim, if named, has a name.
/// </summary>
public sealed class CaepOptionsValidator : IValidateOptions<CaepOptions>
{
    public ValidateOptionsResult Validate(string? name, CaepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (StringOrUriProblem(options.Issuer) is { } issuerProblem)
        {
            failures.Add($"{nameof(CaepOptions)}.{nameof(CaepOptions.Issuer)} {issuerProblem}.");
        }

        if (options.Audiences is null || options.Audiences.Count == 0)
        {
            failures.Add($"{nameof(CaepOptions)}.{nameof(CaepOptions.Audiences)} must contain at least one audience.");
        }
        else
        {
            for (int i = 0; i < options.Audiences.Count; i++)
            {
                if (StringOrUriProblem(options.Audiences[i]) is { } audienceProblem)
                {
                    failures.Add($"{nameof(CaepOptions)}.{nameof(CaepOptions.Audiences)}[{i}] {audienceProblem}.");
                }
            }
        }

        if (options.RiskClaimName is { } claim && (string.IsNullOrWhiteSpace(claim) || claim.Trim().Length != claim.Length))
        {
            failures.Add($"{nameof(CaepOptions)}.{nameof(CaepOptions.RiskClaimName)} must be a claim name without surrounding whitespace, or absent to issue no token-claims-change (got '{claim}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why <paramref name="value"/> is not a valid <c>iss</c> or <c>aud</c> value, or null when it is.</summary>
    internal static string? StringOrUriProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "must not be empty";
        }

        if (value.Trim().Length != value.Length)
        {
            return $"must not have leading or trailing whitespace (got '{value}')";
        }

        if (value.Contains(':', StringComparison.Ordinal) && !Uri.TryCreate(value, UriKind.Absolute, out _))
        {
            return $"contains ':' so must be an absolute URI (got '{value}')";
        }

        return null;
    }
}
