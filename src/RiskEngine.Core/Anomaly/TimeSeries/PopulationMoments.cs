using System.Numerics;

namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Mean and population standard deviation (divided by n, as ML.NET uses them), in two stable passes.</summary>
internal static class PopulationMoments
{
    public static (double Mean, double StandardDeviation) Of<T>(ReadOnlySpan<T> values)
        where T : INumberBase<T>
    {
        var mean = 0.0;
        foreach (var value in values)
        {
            mean += double.CreateTruncating(value);
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = double.CreateTruncating(value) - mean;
            squares += deviation * deviation;
        }

        return (mean, Math.Sqrt(squares / values.Length));
    }
}
