using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>RFC 8935 push delivery: how long to wait for a receiver and how to retry one that did not accept a SET.</summary>
public sealed class PushDeliveryOptions
{
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the first retry; each further one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Up to this fraction of each delay is taken off at random, so receivers coming back are not hit by every transmitter at once.</summary>
    [Range(0.0, 1.0)]
    public double Jitter { get; set; } = 0.5;

    /// <summary>After this many failed attempts a SET is given up on: kept with its last error, no longer holding back its subject.</summary>
    [Range(1, 10_000)]
    public int MaxAttempts { get; set; } = 50;

    /// <summary>SETs sent at once, across streams and subjects (one subject's SETs always go one at a time).</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>How often the outbox is looked at when nothing wakes the sender (another instance's writes, a retry due).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
