using System.Collections.Concurrent;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Pep.Tests.Fixtures;

/// <summary>
/// Records what the subscriber applied and rejected, and lets a test wait for a count of either. While
/// <see cref="Gate"/> is closed the subscriber's thread waits in it, as behind a slow observer.
/// </summary>
internal sealed class RecordingObserver : ISecurityEventObserver, IDisposable
{
    public ConcurrentQueue<AppliedSecurityEvent> AppliedEvents { get; } = new();

    public ConcurrentQueue<RejectedSecurityEvent> RejectedEvents { get; } = new();

    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public void Applied(AppliedSecurityEvent applied)
    {
        AppliedEvents.Enqueue(applied);
        Gate.Wait();
    }

    public void Rejected(RejectedSecurityEvent rejected)
    {
        RejectedEvents.Enqueue(rejected);
        Gate.Wait();
    }

    public Task WaitForAsync(int applied, int rejected) => Poll.UntilAsync(() => AppliedEvents.Count >= applied && RejectedEvents.Count >= rejected);

    public void Dispose() => Gate.Dispose();
}
