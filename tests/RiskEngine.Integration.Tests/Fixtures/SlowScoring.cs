using RiskEngine.Core.Events;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>
/// Makes the scoring stage slow, as an overloaded instance is: each scored event holds the scoring thread for
/// <paramref name="delay"/> before the recorder sees it.
/// </summary>
public sealed class SlowScoring(EngineRecorder recorder, TimeSpan delay) : IEngineObserver
{
    public void OnDecoded(IdentityEvent identityEvent) => recorder.OnDecoded(identityEvent);

    public void OnScored(in ScoredEvent scored)
    {
        Thread.Sleep(delay);
        recorder.OnScored(scored);
    }

    public void OnSecurityEventDelivered(in SecurityEvent securityEvent) => recorder.OnSecurityEventDelivered(securityEvent);

    public void OnDeadLetterDelivered(in DeadLetter deadLetter) => recorder.OnDeadLetterDelivered(deadLetter);
}
