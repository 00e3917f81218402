using System.Text;
using Confluent.Kafka;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Takes the scoring stage's outputs to Kafka: every SET (revocation, step-up, risk level change) onto the SET topic
/// (<see cref="TopicOptions.Revocations"/>), keyed by subject, with the assessment that explains it, the identity, the
/// causing event and the threshold version as headers (<see cref="RevocationHeaders"/>).
/// </summary>
internal sealed class KafkaScoringSink(TrackedProducer producer, TopicOptions topics, EngineMetrics metrics, IEngineObserver[] observers) : IScoringSink
{
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
            Headers = RevocationHeaders.Of(securityEvent),
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
