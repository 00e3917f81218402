using RiskEngine.Ssf.Delivery.Push;

namespace RiskEngine.Ssf.Tests.Delivery.Push;

public sealed class RetryBackoffTests
{
    private static readonly PushDeliveryOptions Options = new()
    {
        InitialRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromMinutes(5),
        Jitter = 0.5,
    };

    [Theory]
    // 1 s doubled per earlier failure: 1, 2, 4, 8 s.
    [InlineData(1, 0.0, 1_000)]
    [InlineData(2, 0.0, 2_000)]
    [InlineData(4, 0.0, 8_000)]
    // Jitter takes off up to half: 8 s * (1 - 0.5 * 1.0) = 4 s; * (1 - 0.5 * 0.25) = 7 s.
    [InlineData(4, 1.0, 4_000)]
    [InlineData(4, 0.25, 7_000)]
    // 2^19 s is past the 300 s cap; the cap is then jittered: 300 * (1 - 0.5) = 150 s.
    [InlineData(20, 0.0, 300_000)]
    [InlineData(20, 1.0, 150_000)]
    [InlineData(10_000, 0.0, 300_000)]
    public void The_delay_doubles_per_failure_up_to_the_cap_less_the_jitter(int failedAttempts, double random, double expectedMilliseconds) =>
        Assert.Equal(expectedMilliseconds, RetryBackoff.Delay(failedAttempts, Options, random).TotalMilliseconds, precision: 6);
}
