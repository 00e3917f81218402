using RiskEngine.Core.Anomaly.Pca;

namespace RiskEngine.Core.Tests.Anomaly.Pca;

public sealed class PcaModelTests
{
    [Fact]
    public void Scores_from_plain_arrays_by_hand()
    {
        // mean (1, 1, 1), one component along the first axis; x = (4, 5, 1): x − m = (3, 4, 0), |x − m|² = 25,
        // projection 3, so the unexplained share is (25 − 9)/25 = 0.64 and the score √0.64 = 0.8
        var model = new PcaModel([1, 1, 1], [[1, 0, 0]]);

        Assert.Equal(0.8, model.Score([4, 5, 1]), 12);
    }

    [Fact]
    public void A_residual_below_zero_from_rounding_counts_as_zero()
    {
        // a component a hair longer than 1 explains more than the whole distance
        var model = new PcaModel([0, 0], [[1 + 1e-12, 0]]);

        Assert.Equal(0, model.Score([5, 0]));
    }

    [Fact]
    public void Rebuilds_from_its_own_arrays()
    {
        var model = new PcaModel([1, 2], [[0.6, 0.8]]);

        var rebuilt = new PcaModel([.. model.Mean], [.. model.Components.Select(c => c.ToArray())]);

        Assert.Equal(model.Score([3, -1]), rebuilt.Score([3, -1]));
    }

    [Fact]
    public void Keeps_its_own_copy_of_the_arrays()
    {
        double[] mean = [0, 0];
        var model = new PcaModel(mean, [[1, 0]]);

        mean[0] = 100;

        Assert.Equal(0, model.Mean[0]);
    }

    [Fact]
    public void Refuses_more_than_the_stack_bound_of_dimensions()
    {
        var wide = new double[PcaModel.MaxDimension + 1];

        Assert.Throws<ArgumentOutOfRangeException>(() => new PcaModel(wide, [wide]));
    }

    [Fact]
    public void Refuses_a_component_of_another_length()
    {
        Assert.Throws<ArgumentException>(() => new PcaModel([0, 0], [[1, 0, 0]]));
    }

    [Fact]
    public void Refuses_a_point_of_another_dimension()
    {
        var model = new PcaModel([0, 0], [[1, 0]]);

        Assert.Throws<ArgumentException>(() => model.Score([1, 2, 3]));
    }
}
