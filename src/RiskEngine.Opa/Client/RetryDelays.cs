namespace RiskEngine.Opa.Client;

/// <summary>
/// Exponential backoff with jitter: the n-th retry waits initial × 2^(n-1), capped at max, then scaled by a
/// random 50–100 % so that many mirrors (or retries) do not hit a recovering OPA in step.
/// </summary>
public static class RetryDelays
{
    public static TimeSpan For(int retry, TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
