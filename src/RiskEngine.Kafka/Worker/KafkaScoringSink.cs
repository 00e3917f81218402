using System.Text;
using Confluent.Kafka;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Kafka.Observability;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Takes the scoring stage's outputs to Kafka: every SET (revocation, step-up, risk level change) onto the SET topic
/// (<see cref="TopicOptions.Revocations"/>), keyed by subject, with the assessment that explains it, the identity, the
/// causing event and the threshold version as headers (<see cref="RevocationHeaders"/>); a trip of the blast-radius
/// guard onto the alerts topic (<see cref="BlastRadiusAlert"/>) and to the log as an error.
/// </summary>
internal sealed partial class KafkaScoringSink(TrackedProducer producer, TopicOptions topics, EngineMetrics metrics, IEngineObserver[] observers, ILogger logger) : IScoringSink
{
    public void OnScored(in ScoredEvent scored)
    {
        metrics.Scored(scored.Decision.Actions);
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
        if (Activity.Current is { Source.Name: EngineTracing.SourceName } trace)
        {
            trace.AddTag(EngineTracing.SetJtiTag, token.Jti);
            EngineTracing.Inject(trace, message.Headers);
        }

        metrics.SecurityEventIssued(securityEvent.Action);
        var delivered = securityEvent;
        producer.Produce(topics.Revocations, message, _ =>
        {
            foreach (var observer in observers)
            {
                observer.OnSecurityEventDelivered(delivered);
            }
        });
    }

    public void OnBlastRadiusTripped(BlastRadiusTrip trip)
    {
        var description = trip.Describe();
        LogBlastRadiusTripped(logger, description, trip.TriggeringEventId, trip.TriggeringIdentityId);
        producer.Produce(
            topics.Alerts,
            new Message<byte[]?, byte[]> { Key = Encoding.ASCII.GetBytes(BlastRadiusAlert.Type), Value = BlastRadiusAlert.Json(trip) },
            onDelivered: null);
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Blast-radius guard tripped: {Description}. Revocations are held as step-ups until an analyst confirms (POST /admin/blast-radius/confirm). Tripped by event {EventId} of {IdentityId}")]
    private static partial void LogBlastRadiusTripped(ILogger logger, string description, string eventId, string identityId);
}
