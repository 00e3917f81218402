using System.Collections.Concurrent;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Records what an engine instance decoded, scored and issued SETs for, so a test can wait for its own events and see where they went.</summary>
public sealed class EngineRecorder : IEngineObserver
{
    private readonly ConcurrentDictionary<string, ScoredEvent> _scored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IdentityEvent> _decoded = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SecurityEvent> _securityEvents = new();

    public IReadOnlyCollection<ScoredEvent> Scored => (IReadOnlyCollection<ScoredEvent>)_scored.Values;

    /// <summary>Every SET Kafka acknowledged: revocations, step-ups and risk level changes.</summary>
    public IReadOnlyCollection<SecurityEvent> SecurityEvents => _securityEvents;

    public IReadOnlyCollection<SecurityEvent> Revocations => [.. _securityEvents.Where(securityEvent => securityEvent.Action == TrustAction.RevokeSession)];

    public void OnDecoded(IdentityEvent identityEvent) => _decoded[identityEvent.EventId] = identityEvent;

    public void OnScored(in ScoredEvent scored) => _scored[scored.Event.EventId] = scored;

    public void OnSecurityEventDelivered(in SecurityEvent securityEvent) => _securityEvents.Enqueue(securityEvent);

    public bool WasDecoded(string eventId) => _decoded.ContainsKey(eventId);

    public void OnDeadLetterDelivered(in DeadLetter deadLetter)
    {
    }

    public bool WasScored(string eventId) => _scored.ContainsKey(eventId);

    /// <summary>
    /// Waits until every revocation decided so far has been acknowledged by Kafka: a SET can still be on its way after
    /// the event that caused it was scored, so the acknowledged ones right after scoring may be short of those due.
    /// </summary>
    public async Task WaitForRevocationsDeliveredAsync(TimeSpan timeout)
    {
        var due = Scored.Where(scored => scored.Decision.Actions.HasFlag(TrustAction.RevokeSession)).Select(scored => scored.Event.EventId).ToHashSet(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(timeout);
        while (!due.IsSubsetOf(Revocations.Select(revocation => revocation.Trigger.EventId)))
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{due.Count} revocations were decided; not all were acknowledged within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

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
