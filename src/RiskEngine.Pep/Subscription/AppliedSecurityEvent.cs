using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Subscription;

/// <summary>
/// A verified SET the PEP has taken into account: from <see cref="AppliedAt"/> on, a request it refuses is refused.
/// For the end-to-end latency harness: compare <see cref="AppliedAt"/> with when the SET's cause happened or when it
/// was produced (<see cref="MessageTimestamp"/>).
/// </summary>
/// <param name="Event">The verified SET.</param>
/// <param name="Revoked">Whether it changed the revoked set (false for event types other than session-revoked, a repeat, or an expired one).</param>
/// <param name="AppliedAt">When the revoked set held it, by the subscriber's <see cref="TimeProvider"/>.</param>
/// <param name="AppliedTimestamp">The same moment as <see cref="TimeProvider.GetTimestamp"/>, for in-process interval measurement.</param>
/// <param name="MessageTimestamp">The Kafka message timestamp (the producer's create time unless the topic says otherwise).</param>
/// <param name="Partition">The partition it was read from.</param>
/// <param name="Offset">Its offset in that partition.</param>
public sealed record AppliedSecurityEvent(
    VerifiedSecurityEvent Event,
    bool Revoked,
    DateTimeOffset AppliedAt,
    long AppliedTimestamp,
    DateTimeOffset MessageTimestamp,
    int Partition,
    long Offset);
