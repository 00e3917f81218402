using System.Collections.Concurrent;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Functions.Tests.Fixtures;

/// <summary>The SETs the scoring engine has had acknowledged by Kafka on the SET topic.</summary>
internal sealed class SetRecorder : IEngineObserver
{
    public ConcurrentQueue<SecurityEvent> Delivered { get; } = new();

    public void OnScored(in ScoredEvent scored)
    {
    }

    public void OnSecurityEventDelivered(in SecurityEvent securityEvent) => Delivered.Enqueue(securityEvent);

    public void OnDeadLetterDelivered(in DeadLetter deadLetter)
    {
    }

    public async Task<List<SecurityEvent>> WaitForAsync(string identityId, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Delivered.Where(s => s.Trigger.IdentityId == identityId).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(20);
        }
    }
}
