namespace RiskEngine.Ssf.Outbox;

/// <summary>
/// Wakes push delivery and waiting polls as soon as something is written to the outbox or a stream starts flowing,
/// so a SET does not wait for the next idle check. Cheap to raise; waiters re-read the store.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Raise"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void Raise() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
