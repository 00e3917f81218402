using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Watches what the engine does, for consoles and dashboards. Revocations and dead letters are reported
/// once Kafka has acknowledged them, on the producer's thread; implementations must be thread-safe and quick.
/// </summary>
public interface IEngineObserver
{
    void OnScored(in ScoredSignIn scored);

    void OnRevocationDelivered(in Revocation revocation);

    void OnDeadLetterDelivered(in DeadLetter deadLetter);
}
