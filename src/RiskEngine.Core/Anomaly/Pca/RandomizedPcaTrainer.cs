using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace RiskEngine.Core.Anomaly.Pca;

/// <summary>
/// Trains a <see cref="PcaModel"/> by randomized SVD of the covariance A = XᵀX/n of the (centred) rows, as
/// <c>RandomizedPcaTrainer.TrainCore</c> in dotnet/machinelearning src/Microsoft.ML.PCA/PcaTrainer.cs (after
/// Martinsson, "Randomized methods for computing the SVD"): Y = AΩ for a seeded Gaussian Ω of rank + oversampling
/// columns, Q = an orthonormal basis of Y, B = AQ, the eigen-decomposition ZΣ²Zᵀ of BᵀB, and the components
/// U = BZ/(1e-6 + Σ), the top rank of them kept. Like ML.NET it makes no further power iterations (A is applied
/// twice, once for Y and once for B) and skips rows with a missing or infinite value. It differs in computing in
/// double rather than single precision, and in orthonormalising Y by MathNet's Householder QR instead of modified
/// Gram-Schmidt, which divides by zero when the rows span fewer dimensions than Y has columns.
/// </summary>
public sealed class RandomizedPcaTrainer
{
    // ML.NET's guard in 1/(σ + 1e-6); it also shortens every component by a factor σ/(σ + 1e-6).
    private const double SingularValueGuard = 1e-6;

    private readonly RandomizedPcaOptions _options;

    public RandomizedPcaTrainer(RandomizedPcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rank, 1, nameof(options.Rank));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Oversampling, nameof(options.Oversampling));
        _options = options;
    }

    public PcaModel Train(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Train(rows.Select(row => Array.ConvertAll(row, v => (double)v)).ToList());
    }

    public PcaModel Train(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var usable = rows.Where(row => Array.TrueForAll(row, double.IsFinite)).ToList();
        if (usable.Count == 0)
        {
            throw new ArgumentException("Training needs at least one row without missing values.", nameof(rows));
        }

        var dimension = usable[0].Length;
        if (usable.Exists(row => row.Length != dimension))
        {
            throw new ArgumentException("Every row must have the same dimension.", nameof(rows));
        }

        if (_options.Rank > dimension)
        {
            throw new ArgumentException($"Rank {_options.Rank} cannot exceed the dimension {dimension}.", nameof(rows));
        }

        var data = Matrix<double>.Build.DenseOfRowArrays(usable);
        var mean = _options.Center ? data.ColumnSums() / data.RowCount : Vector<double>.Build.Dense(dimension);
        var centred = data - Matrix<double>.Build.Dense(data.RowCount, dimension, (_, column) => mean[column]);

        var oversampledRank = Math.Min(_options.Rank + _options.Oversampling, dimension);
        var y = ApplyCovariance(centred, GaussianMatrix(dimension, oversampledRank, _options.Seed));
        var q = y.QR(QRMethod.Thin).Q;
        var b = ApplyCovariance(centred, q);

        var eigen = b.TransposeThisAndMultiply(b).Evd(Symmetricity.Symmetric);
        var byDescendingEigenvalue = Enumerable.Range(0, oversampledRank)
            .OrderByDescending(i => eigen.EigenValues[i].Real)
            .Take(_options.Rank);
        var components = byDescendingEigenvalue
            .Select(i =>
            {
                var singularValue = Math.Sqrt(Math.Max(eigen.EigenValues[i].Real, 0));
                return (b * eigen.EigenVectors.Column(i) / (SingularValueGuard + singularValue)).ToArray();
            })
            .ToArray();

        return new PcaModel(mean.ToArray(), components);
    }

    // A·M with A = XᵀX/n, without forming the d×d covariance.
    private static Matrix<double> ApplyCovariance(Matrix<double> centred, Matrix<double> m) =>
        centred.TransposeThisAndMultiply(centred * m) / centred.RowCount;

    // ML.NET draws Ω row by row from System.Random(seed) with Leva's sampler and stores it in single precision;
    // doing the same gives ML.NET's Ω for a given seed.
    private static Matrix<double> GaussianMatrix(int dimension, int columns, int seed)
    {
        var random = new Random(seed);
        var omega = Matrix<double>.Build.Dense(dimension, columns);
        for (var column = 0; column < columns; column++)
        {
            for (var row = 0; row < dimension; row++)
            {
                omega[row, column] = (float)SampleStandardNormal(random);
            }
        }

        return omega;
    }

    // Leva, "A fast normal random number generator" (1992), as ML.NET's Stats.SampleFromGaussian.
    private static double SampleStandardNormal(Random random)
    {
        var scale = 2 * Math.Sqrt(2 / Math.E);
        double u;
        double v;
        double q;
        do
        {
            u = random.NextDouble();
            v = scale * (random.NextDouble() - 0.5);
            var x = u - 0.449871;
            var y = Math.Abs(v) + 0.386595;
            q = x * x + y * (0.19600 * y - 0.25472 * x);
        }
        while (q > 0.27597 && (q > 0.27846 || v * v > -4 * u * u * Math.Log(u)));

        return v / u;
    }
}
