namespace RiskEngine.Simulation.Traffic;

internal static class EventTime
{
    /// <summary><paramref name="time"/> cut to the millisecond, the finest precision Envoy and Okta write.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
