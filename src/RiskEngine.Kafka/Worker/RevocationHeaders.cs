namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Kafka headers on the SET topic (<see cref="TopicOptions.Revocations"/>, which carries every CAEP SET the engine
/// issues), so a PEP can route by event type and de-duplicate without parsing the SET.
/// </summary>
public static class RevocationHeaders
{
    public const string ContentType = "content-type";
    public const string SecurityEventTokenMediaType = "application/secevent+jwt";
    public const string Jti = "riskengine-jti";
    public const string EventType = "riskengine-event-type";

    /// <summary>The assessment behind the SET as JSON (<see cref="Core.Trust.TrustJsonContext"/>): scores, recovery, each signal's penalty, weight and evidence.</summary>
    public const string Explanation = "riskengine-explanation";
}
