using RiskEngine.Core.Events;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Watches what the engine does, for consoles and dashboards. Revocations and dead letters are reported
/// once Kafka has acknowledged them, on the producer's thread; implementations must be thread-safe and quick.
/// </summary>
public interface IEngineObserver
{
    /// <summary>An event decoded by this instance, before it is keyed onto the events topic.</summary>
    void OnDecoded(IdentityEvent identityEvent)
    {
    }

    void OnScored(in ScoredEvent scored);

    void OnRevocationDelivered(in Revocation revocation);

    void OnDeadLetterDelivered(in DeadLetter deadLetter);
}
