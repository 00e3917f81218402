namespace RiskEngine.Core.Identity;

/// <summary>
/// Event times as whole seconds since 2020 in 31 bits (until 2088), half the bytes of ticks: what identity state keeps
/// of the times in its rings, where a second is fine enough for windows of minutes. 0 is never a time: it marks an empty slot.
/// </summary>
internal static class EventSeconds
{
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static uint Of(DateTimeOffset at) =>
        (uint)Math.Clamp((at.UtcTicks - Epoch.UtcTicks) / TimeSpan.TicksPerSecond, 1, int.MaxValue);

    public static DateTimeOffset ToTime(uint seconds) => Epoch.AddSeconds(seconds);
}
