using Microsoft.Extensions.Options;

namespace RiskEngine.Kafka.Observability;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            ? ValidateOptionsResult.Fail($"Telemetry:OtlpEndpoint '{endpoint}' must be an absolute http or https address, e.g. http://collector:4318.")
            : ValidateOptionsResult.Success;
    }
}
