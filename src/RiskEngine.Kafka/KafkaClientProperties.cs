using Confluent.Kafka;

namespace RiskEngine.Kafka;

/// <summary>
/// The librdkafka properties every client of the engine shares, from <see cref="KafkaOptions"/>: the plain
/// Kafka settings, or an Event Hubs namespace with its authentication and recommended settings. Secrets are
/// read through <paramref name="readSecret"/> from files or the environment at each start, so a rotated
/// secret takes effect on restart.
/// </summary>
public static class KafkaClientProperties
{
    /// <summary>Event Hubs' documented client settings: its limits and its idle-connection behaviour.</summary>
    private static readonly Dictionary<string, string> EventHubsRecommended = new(StringComparer.Ordinal)
    {
        // The load balancer closes connections idle for 240 s; keepalives and a shorter metadata age avoid stale ones.
        ["socket.keepalive.enable"] = "true",
        ["metadata.max.age.ms"] = "180000",
        ["session.timeout.ms"] = "30000",
        ["request.timeout.ms"] = "60000",
        // Event Hubs refuses messages over 1 MB (1,046,528 bytes).
        ["message.max.bytes"] = "1000000",
    };

    /// <summary>The properties with secrets read from their configured file, else their environment variable.</summary>
    public static Dictionary<string, string> Create(KafkaOptions options, string bootstrapServers) =>
        Create(options, bootstrapServers, ReadSecret);

    public static Dictionary<string, string> Create(KafkaOptions options, string bootstrapServers, Func<string?, string, string?> readSecret)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(readSecret);
        var eventHubs = options.EventHubs;
        var properties = new Dictionary<string, string>(eventHubs.IsConfigured ? EventHubsRecommended : [], StringComparer.Ordinal);
        foreach (var (name, value) in options.Properties)
        {
            properties[name] = value;
        }

        var config = new ClientConfig(properties)
        {
            BootstrapServers = bootstrapServers,
            ClientId = "riskengine",
        };
        if (eventHubs.IsConfigured)
        {
            ApplyEventHubs(config, eventHubs, readSecret);
        }
        else
        {
            ApplySasl(config, options, readSecret);
        }

        return config.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    private static string? ReadSecret(string? file, string environmentVariable) =>
        file is { Length: > 0 } ? File.ReadAllText(file).TrimEnd('\r', '\n') : Environment.GetEnvironmentVariable(environmentVariable);

    private static void ApplySasl(ClientConfig config, KafkaOptions options, Func<string?, string, string?> readSecret)
    {
        if (options.SecurityProtocol is { } protocol)
        {
            config.SecurityProtocol = protocol;
        }

        if (options.SaslMechanism is { } mechanism)
        {
            config.SaslMechanism = mechanism;
            config.SaslUsername = options.SaslUsername;
            config.SaslPassword = readSecret(options.SaslPasswordFile, KafkaOptions.SaslPasswordEnvironmentVariable);
        }
    }

    private static void ApplyEventHubs(ClientConfig config, EventHubsOptions eventHubs, Func<string?, string, string?> readSecret)
    {
        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        if (eventHubs.Authentication == EventHubsAuthentication.ConnectionString)
        {
            config.SaslMechanism = SaslMechanism.Plain;
            config.SaslUsername = "$ConnectionString";
            config.SaslPassword = readSecret(eventHubs.ConnectionStringFile, EventHubsOptions.ConnectionStringEnvironmentVariable);
            return;
        }

        config.SaslMechanism = SaslMechanism.OAuthBearer;
        config.SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc;
        config.SaslOauthbearerTokenEndpointUrl = $"https://login.microsoftonline.com/{eventHubs.TenantId}/oauth2/v2.0/token";
        config.SaslOauthbearerClientId = eventHubs.ClientId;
        config.SaslOauthbearerClientSecret = readSecret(eventHubs.ClientSecretFile, EventHubsOptions.ClientSecretEnvironmentVariable);
        config.SaslOauthbearerScope = $"https://{eventHubs.Namespace}.servicebus.windows.net/.default";
    }
}
