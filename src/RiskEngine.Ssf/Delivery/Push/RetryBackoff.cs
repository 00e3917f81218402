namespace RiskEngine.Ssf.Delivery.Push;

/// <summary>Exponential backoff with jitter between push attempts.</summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait after the <paramref name="failedAttempts"/>th failure: <see cref="PushDeliveryOptions.InitialRetryDelay"/>
    /// doubled per earlier failure, capped at <see cref="PushDeliveryOptions.MaxRetryDelay"/>, less up to
    /// <see cref="PushDeliveryOptions.Jitter"/> of it as <paramref name="random"/> (0..1) says.
    /// </summary>
    public static TimeSpan Delay(int failedAttempts, PushDeliveryOptions options, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var doublings = Math.Min(failedAttempts - 1, 40);
        var uncapped = options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, doublings);
        var delay = Math.Min(uncapped, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 - (options.Jitter * random)));
    }
}
