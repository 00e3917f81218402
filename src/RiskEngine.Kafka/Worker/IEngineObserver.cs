using RiskEngine.Core.Events;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Watches what the engine does, for consoles and dashboards. SETs and dead letters are reported
/// once Kafka has acknowledged them, on the producer's thread; implementations must be thread-safe and quick.
/// </summary>
public interface IEngineObserver
{
    /// <summary>An event decoded by this instance, before it is keyed onto the events topic.</summary>
    void OnDecoded(IdentityEvent identityEvent)
    {
    }

    void OnScored(in ScoredEvent scored);

    /// <summary>A SET of any kind (revocation, step-up, risk level change) Kafka has acknowledged.</summary>
    void OnSecurityEventDelivered(in SecurityEvent securityEvent);

    void OnDeadLetterDelivered(in DeadLetter deadLetter);
}
