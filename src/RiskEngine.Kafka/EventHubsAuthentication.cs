namespace RiskEngine.Kafka;

/// <summary>How the engine signs in to an Event Hubs namespace's Kafka endpoint.</summary>
public enum EventHubsAuthentication
{
    /// <summary>SASL PLAIN, user <c>$ConnectionString</c>, the namespace connection string as password.</summary>
    ConnectionString,

    /// <summary>SASL OAUTHBEARER with Entra ID tokens (OIDC client credentials) for <c>https://NAMESPACE.servicebus.windows.net/.default</c>.</summary>
    EntraId,
}
