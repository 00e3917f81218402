using System.Text;
using Confluent.Kafka;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>Takes the scoring stage's outputs to Kafka: each revocation as a signed SET onto the revocation topic, keyed by subject.</summary>
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

    public void OnRevocation(in Revocation revocation)
    {
        var token = revocation.Token;
        var message = new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(token.SubjectKey),
            Value = Encoding.ASCII.GetBytes(token.Token),
            Headers = new Headers
            {
                { RevocationHeaders.ContentType, SecurityEventTokenMediaType },
                { RevocationHeaders.Jti, Encoding.ASCII.GetBytes(token.Jti) },
                { RevocationHeaders.EventType, Encoding.ASCII.GetBytes(token.EventType) },
            },
        };
        metrics.Revoked();
        var delivered = revocation;
        producer.Produce(topics.Revocations, message, () =>
        {
            foreach (var observer in observers)
            {
                observer.OnRevocationDelivered(delivered);
            }
        });
    }
}
