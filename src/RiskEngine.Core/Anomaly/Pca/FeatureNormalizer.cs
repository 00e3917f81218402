using System.Numerics.Tensors;

namespace RiskEngine.Core.Anomaly.Pca;

/// <summary>
/// Per-feature affine normalisation, normalized = (raw − offset) · scale, fitted as ML.NET's NormalizeMeanVariance:
/// <c>MeanVarUtils.ComputeScaleAndOffset</c> / <c>ComputeScaleAndOffsetFixZero</c> and the builders in
/// dotnet/machinelearning src/Microsoft.ML.Data/Transforms/NormalizeColumnDbl.cs, with the population variance of
/// <c>MeanVarDblAggregator</c>. With fixZero (ML.NET's default) the offset is 0 and the scale 1/√(variance + mean²), so
/// zero stays zero; without it the offset is the mean and the scale 1/σ. A feature of zero variance gets scale 0 and
/// offset 0, mapping it to 0: it carries no information. Missing values are left out of the fit, as ML.NET does.
/// Built from plain arrays so it can be stored as JSON; immutable and safe to share between threads.
/// </summary>
public sealed class FeatureNormalizer
{
    private readonly double[] _offsets;
    private readonly double[] _scales;

    public FeatureNormalizer(double[] offsets, double[] scales)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentOutOfRangeException.ThrowIfZero(offsets.Length, nameof(offsets));
        if (scales.Length != offsets.Length)
        {
            throw new ArgumentException("There must be one scale per offset.", nameof(scales));
        }

        if (!Array.TrueForAll(offsets, double.IsFinite) || !Array.TrueForAll(scales, double.IsFinite))
        {
            throw new ArgumentException("Offsets and scales must be finite.", nameof(scales));
        }

        _offsets = (double[])offsets.Clone();
        _scales = (double[])scales.Clone();
        Offsets = Array.AsReadOnly(_offsets);
        Scales = Array.AsReadOnly(_scales);
    }

    public int Dimension => _offsets.Length;

    public IReadOnlyList<double> Offsets { get; }

    public IReadOnlyList<double> Scales { get; }

    /// <summary>Fits one offset and scale per feature from <paramref name="rows"/>.</summary>
    /// <param name="fixZero">Keep zero at zero (ML.NET's default): offset 0 and scale 1/√(variance + mean²).</param>
    public static FeatureNormalizer Fit(IReadOnlyList<double[]> rows, bool fixZero = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Fitting needs at least one row.", nameof(rows));
        }

        var dimension = rows[0].Length;
        var offsets = new double[dimension];
        var scales = new double[dimension];
        for (var feature = 0; feature < dimension; feature++)
        {
            var (mean, variance) = MeanAndVariance(rows, feature);
            if (variance == 0)
            {
                continue;
            }

            offsets[feature] = fixZero ? 0 : mean;
            scales[feature] = 1 / Math.Sqrt(fixZero ? variance + mean * mean : variance);
        }

        return new FeatureNormalizer(offsets, scales);
    }

    /// <summary>Writes (raw − offset) · scale into <paramref name="normalized"/>; allocates nothing. The two may be the same span.</summary>
    public void Normalize(ReadOnlySpan<double> raw, Span<double> normalized)
    {
        if (raw.Length != Dimension || normalized.Length != Dimension)
        {
            throw new ArgumentException($"The normalizer maps {Dimension} features.", nameof(raw));
        }

        TensorPrimitives.Subtract(raw, _offsets, normalized);
        TensorPrimitives.Multiply(normalized, _scales, normalized);
    }

    // Welford's update over the finite values of one feature, as ML.NET's aggregator; variance divides by the count.
    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double[]> rows, int feature)
    {
        var count = 0;
        var mean = 0.0;
        var sumOfSquares = 0.0;
        foreach (var row in rows)
        {
            if (row.Length != rows[0].Length)
            {
                throw new ArgumentException("Every row must have the same dimension.", nameof(rows));
            }

            var value = row[feature];
            if (!double.IsFinite(value))
            {
                continue;
            }

            count++;
            var delta = value - mean;
            mean += delta / count;
            sumOfSquares += delta * (value - mean);
        }

        return count == 0 ? (0, 0) : (mean, sumOfSquares / count);
    }
}
