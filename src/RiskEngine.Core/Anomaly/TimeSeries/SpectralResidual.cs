using MathNet.Numerics.IntegralTransforms;

namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// Finds the points of a whole series that stand out of its spectrum: the spectral-residual saliency map (Ren et al.,
/// "Time-Series Anomaly Detection Service at Microsoft", KDD 2019) scored against its trailing local average. Follows
/// <c>SrCnnEntireModeler</c> in dotnet/machinelearning src/Microsoft.ML.TimeSeries/SrCnnEntireAnomalyDetector.cs in
/// its AnomalyOnly mode without a period: back-add of five extrapolated points, FFT, log amplitude, its 3-point
/// moving average, residual, inverse FFT, then the 40-point local average, the score and the 1.5 σ z-score veto.
/// A batch step: spans in, caller-supplied scratch, no state between calls.
/// </summary>
public sealed class SpectralResidual
{
    /// <summary>ML.NET refuses a batch of fewer points.</summary>
    public const int MinimumSeriesLength = 12;

    internal const int BackAddWindowSize = 5;
    private const int LookaheadWindowSize = 5;
    private const int AveragingWindowSize = 3;
    private const int JudgementWindowSize = 40;
    private const double Eps = 1e-8;
    private const double MaximumScore = 1.0;
    private const double ZScoreThreshold = 1.5;

    // ML.NET: a local average over fewer points can only yield scores below w − 1, so the first points share the
    // average of the first (int)(MaximumScore · 10) + 1 saliencies.
    private const int MinimumScoreWindowSize = (int)(MaximumScore * 10) + 1;

    private readonly double _threshold;

    public SpectralResidual(SpectralResidualOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Threshold >= 0 && options.Threshold <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "Threshold must lie in [0, 1].");
        }

        _threshold = options.Threshold;
    }

    /// <summary>Scores every point of <paramref name="series"/> into <paramref name="results"/>, which must be as long.</summary>
    public void Detect(ReadOnlySpan<double> series, Span<SpectralResidualPoint> results, SpectralResidualScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (series.Length != scratch.SeriesLength || results.Length != series.Length)
        {
            throw new ArgumentException($"The series, the results and the scratch must all be for {scratch.SeriesLength} points.", nameof(series));
        }

        BackAdd(series, scratch.Real);
        Array.Clear(scratch.Imaginary);
        Fourier.Forward(scratch.Real, scratch.Imaginary, FourierOptions.Matlab);
        KeepPhaseWithResidualAmplitude(scratch);
        Fourier.Inverse(scratch.Real, scratch.Imaginary, FourierOptions.Matlab);

        var saliency = scratch.Magnitude;
        for (var i = 0; i < saliency.Length; i++)
        {
            saliency[i] = Math.Sqrt(scratch.Real[i] * scratch.Real[i] + scratch.Imaginary[i] * scratch.Imaginary[i]);
        }

        var localAverage = scratch.Average;
        TrailingAverage(saliency, Math.Min(saliency.Length, JudgementWindowSize), localAverage);
        var firstWindow = Math.Min(saliency.Length, MinimumScoreWindowSize);
        localAverage.AsSpan(0, firstWindow + 1).Fill(localAverage[firstWindow - 1]);

        var (mean, standardDeviation) = PopulationMoments.Of(series);
        for (var i = 0; i < series.Length; i++)
        {
            var divisor = Math.Abs(localAverage[i]) < Eps ? Eps : localAverage[i];
            var score = Math.Clamp(Math.Abs(saliency[i] - localAverage[i]) / divisor / 10.0, 0, MaximumScore);
            var isAnomaly = score > _threshold;
            if (isAnomaly && (standardDeviation < Eps || Math.Abs(series[i] - mean) / standardDeviation < ZScoreThreshold))
            {
                isAnomaly = false;
                score = 0;
            }

            results[i] = new SpectralResidualPoint(isAnomaly, score, saliency[i]);
        }
    }

    // The transform of a series treats its last points as a boundary; ML.NET appends five copies of an
    // extrapolated next value so the real last points are scored like the others.
    private static void BackAdd(ReadOnlySpan<double> series, double[] extended)
    {
        series.CopyTo(extended);
        var predicted = PredictNext(series.Slice(series.Length - LookaheadWindowSize - 2, LookaheadWindowSize + 1));
        extended.AsSpan(series.Length, BackAddWindowSize).Fill(predicted);
    }

    // ML.NET's extrapolation: the second of the six points plus the sum of the slopes from each to the last.
    private static double PredictNext(ReadOnlySpan<double> points)
    {
        var last = points.Length - 1;
        var slopeSum = 0.0;
        for (var i = 0; i < last; i++)
        {
            slopeSum += (points[last] - points[i]) / (last - i);
        }

        return points[1] + slopeSum;
    }

    // Replaces each frequency's amplitude A by exp(log A − its 3-point moving average), keeping the phase; a
    // frequency of amplitude at most 1e-8 is dropped, as in ML.NET.
    private static void KeepPhaseWithResidualAmplitude(SpectralResidualScratch scratch)
    {
        var (real, imaginary) = (scratch.Real, scratch.Imaginary);
        var (magnitude, logMagnitude) = (scratch.Magnitude, scratch.LogMagnitude);
        for (var i = 0; i < real.Length; i++)
        {
            magnitude[i] = Math.Sqrt(real[i] * real[i] + imaginary[i] * imaginary[i]);
            logMagnitude[i] = magnitude[i] > Eps ? Math.Log(magnitude[i]) : 0;
        }

        TrailingAverage(logMagnitude, AveragingWindowSize, scratch.Average);
        for (var i = 0; i < real.Length; i++)
        {
            var factor = logMagnitude[i] != 0 ? Math.Exp(logMagnitude[i] - scratch.Average[i]) / magnitude[i] : 0;
            real[i] *= factor;
            imaginary[i] *= factor;
        }
    }

    // ML.NET's AverageFilter: the mean of the last n values up to and including each point, of fewer at the start.
    private static void TrailingAverage(ReadOnlySpan<double> values, int n, Span<double> averages)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            averages[i] = sum;
        }

        // From the end down, so each cumulative sum is still unchanged when a later point subtracts it.
        for (var i = values.Length - 1; i >= n; i--)
        {
            averages[i] = (averages[i] - averages[i - n]) / n;
        }

        for (var i = 1; i < Math.Min(n, values.Length); i++)
        {
            averages[i] /= i + 1;
        }
    }
}
