using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;

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

    /// <summary>The assessment behind the SET as JSON (<see cref="TrustJsonContext"/>): scores, recovery, each signal's penalty, weight and evidence.</summary>
    public const string Explanation = "riskengine-explanation";

    /// <summary>The identity the engine scored (not the SET's subject, which may name a session).</summary>
    public const string Identity = "riskengine-identity";

    /// <summary>The id of the input event that caused the SET.</summary>
    public const string TriggeringEventId = "riskengine-event-id";

    /// <summary>When the causing event happened (its event time), ISO 8601 in UTC.</summary>
    public const string EventTime = "riskengine-event-time";

    /// <summary>What the SET does, by <see cref="Core.Policy.TrustAction"/> name: RevokeSession, StepUp, RiskLevelChange.</summary>
    public const string Action = "riskengine-action";

    /// <summary>The <see cref="TrustOptions.ThresholdVersion"/> the decision was taken under, in decimal.</summary>
    public const string ThresholdVersion = "riskengine-threshold-version";

    private static readonly byte[] SecurityEventTokenMediaTypeBytes = Encoding.ASCII.GetBytes(SecurityEventTokenMediaType);

    /// <summary>The headers of the message that carries <paramref name="securityEvent"/>'s SET.</summary>
    public static Headers Of(in SecurityEvent securityEvent)
    {
        var token = securityEvent.Token;
        return new Headers
        {
            { ContentType, SecurityEventTokenMediaTypeBytes },
            { Jti, Encoding.ASCII.GetBytes(token.Jti) },
            { EventType, Encoding.ASCII.GetBytes(token.EventType) },
            { Explanation, JsonSerializer.SerializeToUtf8Bytes(securityEvent.Assessment, TrustJsonContext.Default.TrustAssessment) },
            { Identity, Encoding.UTF8.GetBytes(securityEvent.Trigger.IdentityId) },
            { TriggeringEventId, Encoding.UTF8.GetBytes(securityEvent.Trigger.EventId) },
            { EventTime, Encoding.ASCII.GetBytes(securityEvent.Trigger.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) },
            { Action, Encoding.ASCII.GetBytes(securityEvent.Action.ToString()) },
            { ThresholdVersion, Encoding.ASCII.GetBytes(securityEvent.ThresholdVersion.ToString(CultureInfo.InvariantCulture)) },
        };
    }
}
