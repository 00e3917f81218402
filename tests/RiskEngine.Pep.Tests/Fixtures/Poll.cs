namespace RiskEngine.Pep.Tests.Fixtures;

internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, int timeoutSeconds = 30)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeoutSeconds} s.");
            }

            await Task.Delay(10);
        }
    }
}
