using System.Collections.Concurrent;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Records what the engine scored, so a test can wait until its own events have gone through.</summary>
public sealed class EngineRecorder : IEngineObserver
{
    private readonly ConcurrentDictionary<string, ScoredSignIn> _scored = new(StringComparer.Ordinal);

    public void OnScored(in ScoredSignIn scored) => _scored[scored.SignIn.EventId] = scored;

    public void OnRevocationDelivered(in Revocation revocation)
    {
    }

    public void OnDeadLetterDelivered(in DeadLetter deadLetter)
    {
    }

    public bool WasScored(string eventId) => _scored.ContainsKey(eventId);

    public async Task WaitForScoredAsync(IEnumerable<string> eventIds, TimeSpan timeout)
    {
        var pending = eventIds.ToList();
        using var deadline = new CancellationTokenSource(timeout);
        while (pending.RemoveAll(WasScored) >= 0 && pending.Count > 0)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{pending.Count} events were not scored within {timeout}; the first is {pending[0]}.");
            }

            await Task.Delay(20);
        }
    }
}
