using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka;

namespace RiskEngine.Integration.Tests.Configuration;

/// <summary>The librdkafka properties the engine would hand a client for Kafka and for the two Event Hubs sign-ins.</summary>
public sealed class KafkaClientPropertiesTests
{
    private static readonly Dictionary<(string?, string), string> Secrets = new()
    {
        [("/run/secrets/eh", EventHubsOptions.ConnectionStringEnvironmentVariable)] = "Endpoint=sb://contoso-risk.servicebus.windows.net/;SharedAccessKeyName=engine;SharedAccessKey=abc=",
        [(null, EventHubsOptions.ClientSecretEnvironmentVariable)] = "client-secret-from-env",
    };

    [Fact]
    public void An_Event_Hubs_namespace_with_a_connection_string_uses_SASL_PLAIN_and_the_recommended_settings()
    {
        var options = new KafkaOptions { EventHubs = { Namespace = "contoso-risk", ConnectionStringFile = "/run/secrets/eh" } };

        var properties = KafkaClientProperties.Create(options, options.EffectiveBootstrapServers!, ReadSecret);

        Assert.Equal("contoso-risk.servicebus.windows.net:9093", properties["bootstrap.servers"]);
        Assert.Equal("sasl_ssl", properties["security.protocol"]);
        Assert.Equal("PLAIN", properties["sasl.mechanism"]);
        Assert.Equal("$ConnectionString", properties["sasl.username"]);
        Assert.StartsWith("Endpoint=sb://contoso-risk", properties["sasl.password"], StringComparison.Ordinal);
        Assert.Equal("true", properties["socket.keepalive.enable"]);
        Assert.Equal("180000", properties["metadata.max.age.ms"]);
        Assert.Equal("30000", properties["session.timeout.ms"]);
        Assert.True(int.Parse(properties["message.max.bytes"], System.Globalization.CultureInfo.InvariantCulture) < 1_046_528);
    }

    [Fact]
    public void An_Event_Hubs_namespace_with_Entra_ID_uses_OAUTHBEARER_OIDC_for_the_namespace_scope()
    {
        var options = new KafkaOptions
        {
            EventHubs = { Namespace = "contoso-risk", Authentication = EventHubsAuthentication.EntraId, TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47", ClientId = "app-id" },
        };

        var properties = KafkaClientProperties.Create(options, options.EffectiveBootstrapServers!, ReadSecret);

        Assert.Equal("OAUTHBEARER", properties["sasl.mechanism"]);
        Assert.Equal("oidc", properties["sasl.oauthbearer.method"]);
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", properties["sasl.oauthbearer.token.endpoint.url"]);
        Assert.Equal("https://contoso-risk.servicebus.windows.net/.default", properties["sasl.oauthbearer.scope"]);
        Assert.Equal("app-id", properties["sasl.oauthbearer.client.id"]);
        Assert.Equal("client-secret-from-env", properties["sasl.oauthbearer.client.secret"]);
        Assert.False(properties.ContainsKey("sasl.password"));
    }

    [Fact]
    public void Configured_properties_override_the_Event_Hubs_recommendations_but_plain_Kafka_gets_none_of_them()
    {
        var eventHubs = new KafkaOptions { EventHubs = { Namespace = "contoso-risk", ConnectionStringFile = "/run/secrets/eh" } };
        eventHubs.Properties["session.timeout.ms"] = "45000";
        var kafka = new KafkaOptions { BootstrapServers = "broker:9092" };

        Assert.Equal("45000", KafkaClientProperties.Create(eventHubs, eventHubs.EffectiveBootstrapServers!, ReadSecret)["session.timeout.ms"]);
        var plain = KafkaClientProperties.Create(kafka, "broker:9092", ReadSecret);
        Assert.False(plain.ContainsKey("session.timeout.ms"));
        Assert.False(plain.ContainsKey("security.protocol"));
    }

    [Fact]
    public void Event_Hubs_without_its_secret_or_with_a_full_host_name_is_refused_at_start()
    {
        var options = new KafkaOptions { EventHubs = { Namespace = "contoso-risk.servicebus.windows.net", Authentication = EventHubsAuthentication.EntraId } };

        var result = new KafkaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.Contains("namespace name alone", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.Contains(EventHubsOptions.ClientSecretEnvironmentVariable, StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.Contains("TenantId and ClientId", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connection_string_given_as_the_namespace_is_refused_without_repeating_its_key()
    {
        const string key = "c2VjcmV0LXNoYXJlZC1hY2Nlc3Mta2V5";
        var options = new KafkaOptions
        {
            EventHubs = { Namespace = $"Endpoint=sb://contoso-risk.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}" },
        };

        var result = new KafkaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.Contains("looks like a connection string", StringComparison.Ordinal));
        Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_events_producer_gathers_batches_and_every_other_producer_sends_at_once()
    {
        var options = new KafkaOptions { BootstrapServers = "broker:9092", EventsLingerMs = 7 };
        using var connection = new KafkaConnection(
            Options.Create(options), Options.Create(new TopicOptions()), Options.Create(new SourcesOptions()), NullLogger<KafkaConnection>.Instance);

        Assert.Equal(7, connection.CreateEventsProducerConfig().LingerMs);
        Assert.Equal(0, connection.CreateProducerConfig().LingerMs);
    }

    private static string? ReadSecret(string? file, string environmentVariable) => Secrets.GetValueOrDefault((file, environmentVariable));
}
