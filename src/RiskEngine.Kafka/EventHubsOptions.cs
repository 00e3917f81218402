namespace RiskEngine.Kafka;

/// <summary>
/// Azure Event Hubs through its Kafka endpoint (Standard tier and up), under "Kafka:EventHubs". Naming a
/// namespace sets the bootstrap address, SASL_SSL and Event Hubs' recommended client settings; the secret (a
/// connection string, or the client secret for Entra ID) comes from a file or the environment, never from here.
/// </summary>
public sealed class EventHubsOptions
{
    public const string ConnectionStringEnvironmentVariable = "RISKENGINE_EVENTHUBS_CONNECTION_STRING";
    public const string ClientSecretEnvironmentVariable = "RISKENGINE_EVENTHUBS_CLIENT_SECRET";

    /// <summary>The namespace name (<c>contoso-risk</c> for contoso-risk.servicebus.windows.net); empty: not Event Hubs.</summary>
    public string? Namespace { get; set; }

    public EventHubsAuthentication Authentication { get; set; } = EventHubsAuthentication.ConnectionString;

    /// <summary>A file holding the namespace connection string (or use <see cref="ConnectionStringEnvironmentVariable"/>).</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>For Entra ID: the directory (tenant) of the app registration.</summary>
    public string? TenantId { get; set; }

    /// <summary>For Entra ID: the app registration's client id; it needs the Azure Event Hubs Data Owner (or Sender and Receiver) role.</summary>
    public string? ClientId { get; set; }

    /// <summary>For Entra ID: a file holding the client secret (or use <see cref="ClientSecretEnvironmentVariable"/>).</summary>
    public string? ClientSecretFile { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Namespace);

    public string BootstrapServers => $"{Namespace}.servicebus.windows.net:9093";
}
