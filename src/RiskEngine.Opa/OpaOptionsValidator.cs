using Microsoft.Extensions.Options;

namespace RiskEngine.Opa;

/// <summary>Checks what DataAnnotations cannot: the URL's scheme, the data path's segments, the token file and the retry delays' order.</summary>
public sealed class OpaOptionsValidator : IValidateOptions<OpaOptions>
{
    public ValidateOptionsResult Validate(string? name, OpaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.BaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment)))
        {
            failures.Add($"Opa:BaseUrl must be an absolute http or https URL without query or fragment, such as http://127.0.0.1:8181 (got '{baseUrl}').");
        }

        if (OpaDataPath.Problem(options.DataPath) is { } pathProblem)
        {
            failures.Add($"Opa:DataPath {pathProblem}.");
        }

        if (options.TokenFile is { Length: > 0 } tokenFile && !File.Exists(tokenFile))
        {
            failures.Add($"Opa:TokenFile '{tokenFile}' does not exist.");
        }

        if (options.RetryInitialDelay > options.RetryMaxDelay)
        {
            failures.Add($"Opa:RetryInitialDelay ({options.RetryInitialDelay}) must not exceed Opa:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
