using Microsoft.Extensions.Options;

namespace RiskEngine.Kafka;

/// <summary>Refuses a configuration that would put a secret in a config file or cannot connect as written.</summary>
public sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    private static readonly string[] SecretProperties = ["sasl.password", "ssl.key.password", "ssl.keystore.password", "sasl.oauthbearer.client.secret"];

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var secret in SecretProperties.Where(options.Properties.ContainsKey))
        {
            failures.Add(
                $"Kafka:Properties:{secret} would keep a secret in configuration; use Kafka:SaslPasswordFile or the " +
                $"{KafkaOptions.SaslPasswordEnvironmentVariable} environment variable instead.");
        }

        if (options.SaslPasswordFile is { Length: > 0 } file && !File.Exists(file))
        {
            failures.Add($"Kafka:SaslPasswordFile '{file}' does not exist.");
        }

        if (options.SaslMechanism is not null && string.IsNullOrEmpty(options.SaslUsername))
        {
            failures.Add("Kafka:SaslUsername is required with Kafka:SaslMechanism (for Event Hubs: $ConnectionString).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
