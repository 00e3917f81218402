using System.Diagnostics;

namespace RiskEngine.Opa.Tests;

public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms until it holds; fails with <paramref name="what"/> after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed.TotalSeconds > seconds)
            {
                Assert.Fail($"Not within {seconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
