using RiskEngine.Opa.Client;

namespace RiskEngine.Opa.Tests.Client;

public sealed class RetryDelaysTests
{
    [Theory]
    // initial 100 ms doubling: retry 1 → 100, 2 → 200, 3 → 400, 4 → 800 capped at 500; each jittered to 50–100 %.
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(3, 200, 400)]
    [InlineData(4, 250, 500)]
    [InlineData(40, 250, 500)]
    public void Delays_double_up_to_the_cap_and_are_jittered_to_half_or_more(int retry, double lowestMs, double highestMs)
    {
        var delays = Enumerable.Range(0, 200)
            .Select(_ => RetryDelays.For(retry, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)).TotalMilliseconds)
            .ToList();

        Assert.All(delays, delay => Assert.InRange(delay, lowestMs, highestMs));
        // Jitter: 200 draws from a 50-point-wide (or wider) range are not all the same.
        Assert.True(delays.Distinct().Count() > 1);
    }
}
