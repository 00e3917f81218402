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

        failures.AddRange(EventHubsFailures(options.EventHubs));
        if (options.EventHubs.IsConfigured && !string.IsNullOrEmpty(options.BootstrapServers))
        {
            failures.Add("Kafka:EventHubs:Namespace and Kafka:BootstrapServers are both set; name one way to connect.");
        }

        if (options.SaslMechanism is not null && string.IsNullOrEmpty(options.SaslUsername))
        {
            failures.Add("Kafka:SaslUsername is required with Kafka:SaslMechanism (for Event Hubs: $ConnectionString).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> EventHubsFailures(EventHubsOptions eventHubs)
    {
        if (!eventHubs.IsConfigured)
        {
            yield break;
        }

        if (eventHubs.Namespace!.AsSpan().IndexOfAny(';', '=') >= 0)
        {
            // A connection string pasted here holds the shared access key: the failure must not repeat it.
            yield return "Kafka:EventHubs:Namespace looks like a connection string (it is not repeated here): give the namespace name alone "
                + $"and the connection string in Kafka:EventHubs:ConnectionStringFile or the {EventHubsOptions.ConnectionStringEnvironmentVariable} environment variable.";
        }
        else if (eventHubs.Namespace!.Contains('.', StringComparison.Ordinal))
        {
            yield return $"Kafka:EventHubs:Namespace '{eventHubs.Namespace}' should be the namespace name alone, without .servicebus.windows.net.";
        }

        var (file, variable, what) = eventHubs.Authentication == EventHubsAuthentication.ConnectionString
            ? (eventHubs.ConnectionStringFile, EventHubsOptions.ConnectionStringEnvironmentVariable, "the namespace connection string")
            : (eventHubs.ClientSecretFile, EventHubsOptions.ClientSecretEnvironmentVariable, "the client secret");
        if (file is { Length: > 0 } && !File.Exists(file))
        {
            yield return $"the file '{file}' meant to hold {what} does not exist.";
        }
        else if (file is not { Length: > 0 } && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            yield return $"Event Hubs needs {what}: set the file in Kafka:EventHubs or the {variable} environment variable.";
        }

        if (eventHubs.Authentication == EventHubsAuthentication.EntraId &&
            (string.IsNullOrWhiteSpace(eventHubs.TenantId) || string.IsNullOrWhiteSpace(eventHubs.ClientId)))
        {
            yield return "Kafka:EventHubs:TenantId and ClientId are required with Authentication EntraId.";
        }
    }
}
