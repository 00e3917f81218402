using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Takes the scoring stage's outputs to Kafka: every SET (revocation, step-up, risk level change) onto the SET topic
/// (<see cref="TopicOptions.Revocations"/>), keyed by subject, with the assessment that explains it, the identity, the
/// causing event and the threshold version as headers (<see cref="RevocationHeaders"/>).
/// </summary>
internal sealed class KafkaScoringSink(TrackedProducer producer, TopicOptions topics, EngineMetrics metrics, IEngineObserver[] observers) : IScoringSink
{
    private static readonly byte[] SecurityEventTokenMediaType = Encoding.ASCII.GetBytes(RevocationHeaders.SecurityEventTokenMediaType);

    public void OnScored(in ScoredEvent scored)
    {
        metrics.Scored();
        foreach (var observer in observers)
        {
            observer.OnScored(scored);
        }
    }

    public void OnSecurityEvent(in SecurityEvent securityEvent)
    {
        var token = securityEvent.Token;
        var message = new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(token.SubjectKey),
            Value = Encoding.ASCII.GetBytes(token.Token),
            Headers = new Headers
            {
                { RevocationHeaders.ContentType, SecurityEventTokenMediaType },
                { RevocationHeaders.Jti, Encoding.ASCII.GetBytes(token.Jti) },
                { RevocationHeaders.EventType, Encoding.ASCII.GetBytes(token.EventType) },
                { RevocationHeaders.Explanation, JsonSerializer.SerializeToUtf8Bytes(securityEvent.Assessment, TrustJsonContext.Default.TrustAssessment) },
                { RevocationHeaders.Identity, Encoding.UTF8.GetBytes(securityEvent.Trigger.IdentityId) },
                { RevocationHeaders.TriggeringEventId, Encoding.UTF8.GetBytes(securityEvent.Trigger.EventId) },
                { RevocationHeaders.EventTime, Encoding.ASCII.GetBytes(securityEvent.Trigger.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) },
                { RevocationHeaders.Action, Encoding.ASCII.GetBytes(securityEvent.Action.ToString()) },
                { RevocationHeaders.ThresholdVersion, Encoding.ASCII.GetBytes(securityEvent.ThresholdVersion.ToString(CultureInfo.InvariantCulture)) },
            },
        };
        metrics.SecurityEventIssued(securityEvent.Action);
        var delivered = securityEvent;
        producer.Produce(topics.Revocations, message, () =>
        {
            foreach (var observer in observers)
            {
                observer.OnSecurityEventDelivered(delivered);
            }
        });
    }
}
