using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka;

namespace RiskEngine.Pep;

/// <summary>Refuses a PEP configuration that could not verify a SET or reach the topic, before the first request.</summary>
public sealed class PepOptionsValidator : IValidateOptions<PepOptions>
{
    private readonly KafkaOptionsValidator _kafka = new();

    public ValidateOptionsResult Validate(string? name, PepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(result => $"Pep: {result.ErrorMessage}"));
        }

        if (options.JwksUri is { } jwks && (!jwks.IsAbsoluteUri || (jwks.Scheme != Uri.UriSchemeHttps && jwks.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Pep:JwksUri must be an absolute http or https URI (got '{jwks}').");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Pep:Issuer must name the engine's Caep:Issuer; SETs from any other issuer are refused.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Pep:Audience must name this PEP as one of the engine's Caep:Audiences.");
        }

        if (options.Kafka is { } kafka)
        {
            if (string.IsNullOrWhiteSpace(kafka.EffectiveBootstrapServers))
            {
                failures.Add("Pep:Kafka:BootstrapServers (or Pep:Kafka:EventHubs:Namespace) is required: a PEP follows the engine's cluster and never starts its own.");
            }

            ValidateOptionsResult kafkaResult = _kafka.Validate(name, kafka);
            if (kafkaResult.Failed)
            {
                failures.AddRange(kafkaResult.Failures.Select(failure => $"Pep: {failure}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
