namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Waiting for something another thread or process brings about, failing with what was awaited.</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {timeout.TotalSeconds:N0} s for {what}");
            await Task.Delay(20);
        }
    }
}
