namespace RiskEngine.Core.Identity;

/// <summary>
/// A destination a workload began calling after its learning period, held back until its rollout window tells
/// one instance calling it (suspicious) from many instances starting to call it together (a deployment).
/// <paramref name="Name"/> and <paramref name="FirstAddress"/> are the event's own strings, which the mesh decoders
/// share between events, so holding them costs two references; they are kept for the evidence only.
/// </summary>
public readonly record struct PendingDestination(
    ulong Destination,
    string Name,
    long FirstSeenTicks,
    string? FirstAddress,
    SourceAddresses Addresses)
{
    public DateTimeOffset FirstSeenAt => new(FirstSeenTicks, TimeSpan.Zero);

    /// <summary>Whether the window after the first call has passed at <paramref name="now"/>.</summary>
    public bool HasExpired(DateTimeOffset now, TimeSpan window) => now.UtcTicks - FirstSeenTicks >= window.Ticks;
}
