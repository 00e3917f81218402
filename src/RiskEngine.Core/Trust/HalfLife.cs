namespace RiskEngine.Core.Trust;

/// <summary>Exponential approach in event time: after one half-life half the distance to the target is left.</summary>
public static class HalfLife
{
    /// <summary>The fraction of a distance left after <paramref name="elapsed"/>; 1 for no time or time running backwards.</summary>
    public static double Remaining(TimeSpan elapsed, TimeSpan halfLife) =>
        elapsed <= TimeSpan.Zero ? 1 : double.Exp2(-(elapsed / halfLife));

    /// <summary>Where <paramref name="value"/> has got to on its way to <paramref name="target"/> after <paramref name="elapsed"/>.</summary>
    public static double Approach(double value, double target, TimeSpan elapsed, TimeSpan halfLife) =>
        target + ((value - target) * Remaining(elapsed, halfLife));
}
