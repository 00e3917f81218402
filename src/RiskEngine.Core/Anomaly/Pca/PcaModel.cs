using System.Numerics.Tensors;

namespace RiskEngine.Core.Anomaly.Pca;

/// <summary>
/// A trained PCA anomaly model: the training mean and the top principal components. A point's score is the share of
/// its distance from the mean that the components do not explain: sqrt((|x−m|² − |U(x−m)|²) / |x−m|²), 0 for a point
/// on the components' subspace, 1 for one orthogonal to it. Follows <c>PcaModelParameters.Score</c> in
/// dotnet/machinelearning src/Microsoft.ML.PCA/PcaTrainer.cs, except that x − m is formed directly rather than
/// expanded as |x|² − 2m·x + |m|², a point at the mean scores 0 rather than 0/0, and a rounding-negative residual is 0.
/// Built from plain arrays so it can be stored as JSON; immutable and safe to share between threads.
/// </summary>
public sealed class PcaModel
{
    /// <summary>The widest input scored on the stack; wider models are refused when built.</summary>
    public const int MaxDimension = 256;

    private readonly double[] _mean;
    private readonly double[][] _components;

    /// <param name="mean">The training mean, or zeros for an uncentred model; its length is the dimension.</param>
    /// <param name="components">The principal components, most significant first, each as long as the mean.</param>
    public PcaModel(double[] mean, double[][] components)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentOutOfRangeException.ThrowIfZero(mean.Length, nameof(mean));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mean.Length, MaxDimension, nameof(mean));
        ArgumentOutOfRangeException.ThrowIfZero(components.Length, nameof(components));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(components.Length, mean.Length, nameof(components));
        if (Array.Exists(components, c => c is null || c.Length != mean.Length))
        {
            throw new ArgumentException("Every component must be as long as the mean.", nameof(components));
        }

        if (!Array.TrueForAll(mean, double.IsFinite) || !Array.TrueForAll(components, c => Array.TrueForAll(c, double.IsFinite)))
        {
            throw new ArgumentException("A PCA model holds finite numbers only.", nameof(components));
        }

        _mean = (double[])mean.Clone();
        _components = Array.ConvertAll(components, c => (double[])c.Clone());
        Mean = Array.AsReadOnly(_mean);
        Components = Array.AsReadOnly(Array.ConvertAll(_components, c => (IReadOnlyList<double>)Array.AsReadOnly(c)));
    }

    public int Dimension => _mean.Length;

    public int Rank => _components.Length;

    public IReadOnlyList<double> Mean { get; }

    /// <summary>The principal components, most significant first.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Components { get; }

    /// <summary>The normalised reconstruction error of <paramref name="x"/>, in [0, 1]; allocates nothing.</summary>
    public double Score(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"The model scores points of dimension {Dimension}.", nameof(x));
        }

        Span<double> centred = stackalloc double[Dimension];
        TensorPrimitives.Subtract(x, _mean, centred);
        var distanceSquared = TensorPrimitives.SumOfSquares<double>(centred);
        if (distanceSquared == 0)
        {
            return 0;
        }

        var explainedSquared = 0.0;
        foreach (var component in _components)
        {
            var projection = TensorPrimitives.Dot<double>(component, centred);
            explainedSquared += projection * projection;
        }

        return Math.Sqrt(Math.Max(distanceSquared - explainedSquared, 0) / distanceSquared);
    }
}
