using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using RiskEngine.Core.Anomaly.Pca;

namespace RiskEngine.Core.Tests.Anomaly.Pca;

public sealed class RandomizedPcaTrainerTests
{
    // Points on the line y = 2x: mean (0, 0); covariance A = [[10, 20], [20, 40]]/5 = [[2, 4], [4, 8]], whose one
    // non-zero eigenvalue is 10, along u = (1, 2)/√5 = (0.447214, 0.894427). BᵀB has eigenvalue 10² = 100, so σ = 10
    // and ML.NET's component is u · 10/(10 + 1e-6) = u · (1 − 1e-7).
    private static readonly double[][] Line = [[-2, -4], [-1, -2], [0, 0], [1, 2], [2, 4]];

    private static PcaModel TrainLine(int seed = 42) =>
        new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 1, Oversampling = 1, Seed = seed }).Train(Line);

    private static double[] SignFixed(IEnumerable<double> component)
    {
        var values = component.ToArray();
        var largest = values.MaxBy(Math.Abs);
        return Array.ConvertAll(values, v => largest < 0 ? -v : v);
    }

    [Fact]
    public void Finds_the_direction_of_a_line_by_hand()
    {
        var model = TrainLine();

        Assert.Equal(2, model.Dimension);
        Assert.Equal(1, model.Rank);
        Assert.Equal([0.0, 0.0], model.Mean);
        var component = SignFixed(model.Components[0]);
        Assert.Equal(0.447214, component[0], 6);
        Assert.Equal(0.894427, component[1], 6);
    }

    [Fact]
    public void A_point_on_the_line_scores_almost_zero_by_hand()
    {
        // |x − m|² = 9 + 36 = 45; (U·x)² = (15/√5)² · (1 − 1e-7)² = 45 · (1 − 2e-7); residual/distance = 2e-7
        // score = √(2e-7) = 4.4721e-4: ML.NET's 1e-6 guard is all that keeps it from 0
        Assert.Equal(4.4721e-4, TrainLine().Score([3, 6]), 1e-8);
    }

    [Fact]
    public void A_point_orthogonal_to_the_line_scores_one()
    {
        // (2, −1)·(1, 2) = 0: none of its distance is explained
        Assert.Equal(1, TrainLine().Score([2, -1]), 12);
    }

    [Fact]
    public void A_point_partly_off_the_line_scores_its_unexplained_share_by_hand()
    {
        // x = (1, 0): |x|² = 1; (U·x)² = (1/√5)² · (1 − 2e-7) = 0.2 − 4e-8; score = √(0.8 + 4e-8) = 0.894427
        Assert.Equal(0.894427, TrainLine().Score([1, 0]), 6);
    }

    [Fact]
    public void The_mean_itself_scores_zero()
    {
        Assert.Equal(0, TrainLine().Score([0, 0]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        var data = CorrelatedRows(seed: 3);
        var options = new RandomizedPcaOptions { Rank = 2, Oversampling = 1, Seed = 9 };

        var first = new RandomizedPcaTrainer(options).Train(data);
        var second = new RandomizedPcaTrainer(options).Train(data);

        Assert.Equal(first.Components.SelectMany(c => c), second.Components.SelectMany(c => c));
    }

    [Fact]
    public void The_top_component_matches_a_full_svd_of_the_centred_data()
    {
        var data = CorrelatedRows(seed: 5);
        var model = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 2, Oversampling = 1, Seed = 1 }).Train(data);

        var matrix = Matrix<double>.Build.DenseOfRowArrays(data);
        var means = matrix.ColumnSums() / matrix.RowCount;
        var centred = matrix - Matrix<double>.Build.Dense(matrix.RowCount, matrix.ColumnCount, (_, c) => means[c]);
        var top = centred.Svd(computeVectors: true).VT.Row(0);

        var expected = SignFixed(top);
        var actual = SignFixed(model.Components[0]);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-3);
        }
    }

    [Fact]
    public void Single_precision_rows_train_the_same_model()
    {
        float[][] rows = [.. Line.Select(row => Array.ConvertAll(row, v => (float)v))];
        var trainer = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 1, Oversampling = 1, Seed = 42 });

        Assert.Equal(TrainLine().Components[0], trainer.Train(rows).Components[0]);
    }

    [Fact]
    public void Rows_with_a_missing_value_are_skipped()
    {
        var trainer = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 1, Oversampling = 1, Seed = 42 });

        var model = trainer.Train([.. Line, [double.NaN, 100]]);

        Assert.Equal(TrainLine().Components[0], model.Components[0]);
    }

    [Fact]
    public void Without_centring_the_mean_is_zero()
    {
        var model = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 1, Oversampling = 0, Center = false })
            .Train([[1, 2], [2, 4], [3, 6]]);

        Assert.Equal([0.0, 0.0], model.Mean);
        Assert.Equal(0, model.Score([4, 8]), 3);
    }

    [Fact]
    public void Refuses_a_rank_above_the_dimension()
    {
        var trainer = new RandomizedPcaTrainer(new RandomizedPcaOptions { Rank = 3 });

        Assert.Throws<ArgumentException>(() => trainer.Train(Line));
    }

    /// <summary>500 rows in 6 dimensions: two strong directions (σ 10 and 5) plus noise of σ 0.5 in every dimension.</summary>
    private static double[][] CorrelatedRows(int seed)
    {
        var random = new Random(seed);
        double[] strong = [0.5, 0.5, 0.5, 0.5, 0, 0];
        double[] weaker = [0, 0, 0.5, -0.5, 0.5, 0.5];
        return [.. Enumerable.Range(0, 500).Select(_ =>
        {
            var a = Normal.Sample(random, 0, 10);
            var b = Normal.Sample(random, 0, 5);
            return Enumerable.Range(0, 6).Select(i => 3 + a * strong[i] + b * weaker[i] + Normal.Sample(random, 0, 0.5)).ToArray();
        })];
    }
}
