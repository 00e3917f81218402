using RiskEngine.Core.Events;

namespace RiskEngine.Core.Identity;

/// <summary>
/// The rhythm of an identity's activity, the context an event's features are judged in: when it last acted, how
/// often it acts and how often it fails, as exponentially decayed averages in event time (a few bytes, any volume).
/// </summary>
public struct ActivityProfile
{
    /// <summary>How quickly the averages forget: after this much event time an old rate counts half.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromHours(1);

    private long _lastEventTicks;
    private float _eventsPerHour;
    private float _failureShare;

    public readonly DateTimeOffset? LastEvent => _lastEventTicks == 0 ? null : new DateTimeOffset(_lastEventTicks, TimeSpan.Zero);

    /// <summary>Events per hour of event time, decayed with <see cref="HalfLife"/>.</summary>
    public readonly double EventsPerHour => _eventsPerHour;

    /// <summary>The share of recent events that failed (a sign-in refused, a request answered 4xx/5xx, a policy deny).</summary>
    public readonly double FailureShare => _failureShare;

    public void Observe(IdentityEvent identityEvent)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        var ticks = identityEvent.Timestamp.UtcTicks;
        // An event older than the last one still counts, but does not move time backwards.
        var elapsedHours = _lastEventTicks == 0 ? 0 : Math.Max(0, (ticks - _lastEventTicks) / (double)TimeSpan.TicksPerHour);
        var decay = Math.Pow(0.5, elapsedHours / HalfLife.TotalHours);
        // Each event adds its share of a rate measured over one half-life; decayed, the sum estimates events per hour.
        _eventsPerHour = (float)((_eventsPerHour * decay) + (Math.Log(2) / HalfLife.TotalHours));
        const double FailureWeight = 0.1;
        _failureShare = (float)((_failureShare * (1 - FailureWeight)) + (identityEvent.Succeeded ? 0 : FailureWeight));
        _lastEventTicks = Math.Max(_lastEventTicks, ticks);
    }
}
