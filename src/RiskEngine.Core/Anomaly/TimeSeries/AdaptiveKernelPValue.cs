using MathNet.Numerics;

namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// How unlikely a new value is given a window of earlier ones, by a Gaussian kernel density whose bandwidth adapts
/// to the window's spread. Follows <c>ComputeKernelPValue</c> and the side handling of <c>TransformCore</c> in
/// dotnet/machinelearning src/Microsoft.ML.TimeSeries/SequentialAnomalyDetectionTransformBase.cs, with one
/// difference: erf is MathNet's, exact to double precision, where ML.NET uses the Abramowitz–Stegun 7.1.26
/// approximation (src/Microsoft.ML.CpuMath/ProbabilityFunctions.cs, error up to 1.5e-7); p-values agree to about
/// 1e-7, so only the most extreme ones land differently near the 1e-8 floor.
/// </summary>
public static class AdaptiveKernelPValue
{
    /// <summary>ML.NET raises smaller p-values to this so a martingale's log never sees zero.</summary>
    public const double MinPValue = 1e-8;

    /// <summary>ML.NET lowers larger p-values to this for the same reason.</summary>
    public const double MaxPValue = 1 - MinPValue;

    /// <summary>
    /// ML.NET's floor on the bandwidth: a window of identical values would otherwise divide by zero; with it, a
    /// repeat of the value scores 0.5 and anything else is a near-certain anomaly.
    /// </summary>
    public const double MinBandwidth = 1e-6;

    /// <summary>
    /// The upper-tail p-value P(X ≥ <paramref name="value"/>) under the kernel density of <paramref name="window"/>:
    /// 0.5 − Σ erf((value − xᵢ)/h) / 2n, with h = √2·σ and σ the window's population standard deviation (σ = 1
    /// for a single value). An empty window gives 0.5.
    /// </summary>
    public static double UpperTail(ReadOnlySpan<float> window, double value)
    {
        var n = window.Length;
        if (n == 0)
        {
            return 0.5;
        }

        // ML.NET keeps a running sum S of the squared pairwise distances and uses √S/n; S = n·Σ(xᵢ − x̄)², so
        // that is the population standard deviation.
        var spread = n == 1 ? 1 : PopulationMoments.Of(window).StandardDeviation;
        var bandwidth = Math.Max(Math.Sqrt(2) * spread, MinBandwidth);
        var erfSum = 0.0;
        foreach (var x in window)
        {
            erfSum += SpecialFunctions.Erf((value - x) / bandwidth);
        }

        return 0.5 - erfSum / (2 * n);
    }

    /// <summary>
    /// The p-value for <paramref name="side"/>: the upper tail, the lower tail, or the smaller of the two, clamped
    /// to [<see cref="MinPValue"/>, <see cref="MaxPValue"/>].
    /// </summary>
    public static double ForSide(ReadOnlySpan<float> window, double value, AnomalySide side)
    {
        var upperTail = UpperTail(window, value);
        var pValue = side switch
        {
            AnomalySide.Positive => upperTail,
            AnomalySide.Negative => 1 - upperTail,
            _ => Math.Min(upperTail, 1 - upperTail),
        };

        return Math.Clamp(pValue, MinPValue, MaxPValue);
    }
}
