using RiskEngine.Core.Anomaly.Pca;

namespace RiskEngine.Core.Tests.Anomaly.Pca;

public sealed class FeatureNormalizerTests
{
    // feature 0: 1, 2, 3, 4 — mean 2.5, population variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25
    // feature 1: 7, 7, 7, 7 — variance 0
    private static readonly double[][] Rows = [[1, 7], [2, 7], [3, 7], [4, 7]];

    [Fact]
    public void With_fix_zero_the_scale_is_one_over_the_root_mean_square_by_hand()
    {
        var normalizer = FeatureNormalizer.Fit(Rows);
        var normalized = new double[2];

        normalizer.Normalize([4, 7], normalized);

        // scale = 1/√(1.25 + 2.5²) = 1/√7.5 = 0.365148, offset 0; 4 · 0.365148 = 1.460593
        Assert.Equal([0.0, 0.0], normalizer.Offsets);
        Assert.Equal(0.365148, normalizer.Scales[0], 6);
        Assert.Equal(1.460593, normalized[0], 6);
    }

    [Fact]
    public void Without_fix_zero_the_offset_is_the_mean_and_the_scale_one_over_sigma_by_hand()
    {
        var normalizer = FeatureNormalizer.Fit(Rows, fixZero: false);
        var normalized = new double[2];

        normalizer.Normalize([4, 7], normalized);

        // offset 2.5, scale 1/√1.25 = 0.894427; (4 − 2.5) · 0.894427 = 1.341641
        Assert.Equal(2.5, normalizer.Offsets[0], 12);
        Assert.Equal(0.894427, normalizer.Scales[0], 6);
        Assert.Equal(1.341641, normalized[0], 6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_constant_feature_gets_scale_and_offset_zero_and_maps_to_zero(bool fixZero)
    {
        var normalizer = FeatureNormalizer.Fit(Rows, fixZero);
        var normalized = new double[2];

        normalizer.Normalize([4, 123], normalized);

        Assert.Equal(0, normalizer.Scales[1]);
        Assert.Equal(0, normalizer.Offsets[1]);
        Assert.Equal(0, normalized[1]);
    }

    [Fact]
    public void Missing_values_are_left_out_of_the_fit()
    {
        // 1 and 3: mean 2, variance 1
        var normalizer = FeatureNormalizer.Fit([[1], [double.NaN], [3]], fixZero: false);

        Assert.Equal(2, normalizer.Offsets[0], 12);
        Assert.Equal(1, normalizer.Scales[0], 12);
    }

    [Fact]
    public void Normalizes_in_place_and_rebuilds_from_its_arrays()
    {
        var fitted = FeatureNormalizer.Fit(Rows, fixZero: false);
        var rebuilt = new FeatureNormalizer([.. fitted.Offsets], [.. fitted.Scales]);
        double[] inPlace = [4, 7];
        var copied = new double[2];

        rebuilt.Normalize(inPlace, inPlace);
        fitted.Normalize([4, 7], copied);

        Assert.Equal(copied, inPlace);
    }

    [Fact]
    public void Refuses_a_point_of_another_dimension()
    {
        var normalizer = FeatureNormalizer.Fit(Rows);

        Assert.Throws<ArgumentException>(() => normalizer.Normalize([1, 2, 3], new double[3]));
    }
}
