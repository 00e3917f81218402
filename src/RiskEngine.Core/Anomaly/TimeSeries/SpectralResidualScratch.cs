namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// Working arrays for <see cref="SpectralResidual"/> over series of one length, allocated once so repeated batches
/// (replay, training) reuse them. MathNet's transform still allocates its own work for lengths that are not powers
/// of two. Not safe to share between threads.
/// </summary>
public sealed class SpectralResidualScratch
{
    public SpectralResidualScratch(int seriesLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesLength, SpectralResidual.MinimumSeriesLength);
        SeriesLength = seriesLength;
        var transformLength = seriesLength + SpectralResidual.BackAddWindowSize;
        Real = new double[transformLength];
        Imaginary = new double[transformLength];
        Magnitude = new double[transformLength];
        LogMagnitude = new double[transformLength];
        Average = new double[transformLength];
    }

    public int SeriesLength { get; }

    internal double[] Real { get; }

    internal double[] Imaginary { get; }

    internal double[] Magnitude { get; }

    internal double[] LogMagnitude { get; }

    internal double[] Average { get; }
}
