using System.Collections.Concurrent;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>Records what the subscriber applied and rejected, and lets a test wait for a count of either.</summary>
internal sealed class RecordingObserver : ISecurityEventObserver
{
    public ConcurrentQueue<AppliedSecurityEvent> AppliedEvents { get; } = new();

    public ConcurrentQueue<RejectedSecurityEvent> RejectedEvents { get; } = new();

    public void Applied(AppliedSecurityEvent applied) => AppliedEvents.Enqueue(applied);

    public void Rejected(RejectedSecurityEvent rejected) => RejectedEvents.Enqueue(rejected);

    public Task WaitForAsync(int applied, int rejected) => Poll.UntilAsync(() => AppliedEvents.Count >= applied && RejectedEvents.Count >= rejected);
}
