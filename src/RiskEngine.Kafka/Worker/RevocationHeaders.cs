namespace RiskEngine.Kafka.Worker;

/// <summary>Kafka headers on the revocation topic, so a PEP can route and de-duplicate without parsing the SET.</summary>
public static class RevocationHeaders
{
    public const string ContentType = "content-type";
    public const string SecurityEventTokenMediaType = "application/secevent+jwt";
    public const string Jti = "riskengine-jti";
    public const string EventType = "riskengine-event-type";
}
