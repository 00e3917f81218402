using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly.TimeSeries;

public sealed class AdaptiveKernelPValueTests
{
    [Fact]
    public void An_empty_window_gives_one_half()
    {
        Assert.Equal(0.5, AdaptiveKernelPValue.UpperTail([], 42));
    }

    [Fact]
    public void Window_one_two_three_and_the_value_four_by_hand()
    {
        // σ² = ((1−2)² + 0 + (3−2)²)/3 = 2/3, h = √2·√(2/3) = 1.154701 (ML.NET: √2·√S/n with S = 1+4+1 = 6, √6/3 = 0.816497)
        // (4−1)/h = 2.598076, (4−2)/h = 1.732051, (4−3)/h = 0.866025
        // erf: 0.999761 + 0.985694 + 0.779329 = 2.764784
        // p = 0.5 − 2.764784 / (2·3) = 0.5 − 0.460797 = 0.039203
        Assert.Equal(0.039203, AdaptiveKernelPValue.UpperTail([1, 2, 3], 4), 6);
    }

    [Fact]
    public void Window_one_two_three_and_the_value_ten_is_clamped_to_the_minimum()
    {
        // (10−1)/h = 7.79, (10−2)/h = 6.93, (10−3)/h = 6.06: each erf is 1 to double precision, so p = 0.5 − 3/6 = 0
        Assert.Equal(0, AdaptiveKernelPValue.UpperTail([1, 2, 3], 10));
        Assert.Equal(AdaptiveKernelPValue.MinPValue, AdaptiveKernelPValue.ForSide([1, 2, 3], 10, AnomalySide.Positive));
        Assert.Equal(AdaptiveKernelPValue.MinPValue, AdaptiveKernelPValue.ForSide([1, 2, 3], 10, AnomalySide.TwoSided));
        // the lower tail is 1 − 0 = 1, lowered to the maximum
        Assert.Equal(AdaptiveKernelPValue.MaxPValue, AdaptiveKernelPValue.ForSide([1, 2, 3], 10, AnomalySide.Negative));
    }

    [Fact]
    public void A_single_value_window_uses_bandwidth_root_two()
    {
        // h = √2·1; p = 0.5 − erf(1/√2)/2 = 0.5 − 0.682689/2 = 0.158655, the normal tail beyond one σ
        Assert.Equal(0.158655, AdaptiveKernelPValue.UpperTail([0], 1), 6);
    }

    [Fact]
    public void The_two_sided_p_value_takes_the_nearer_tail()
    {
        // 0 mirrors 4 about the window's mean 2, so its lower tail is the 0.039203 above and its upper tail 0.960797
        Assert.Equal(0.960797, AdaptiveKernelPValue.UpperTail([1, 2, 3], 0), 6);
        Assert.Equal(0.039203, AdaptiveKernelPValue.ForSide([1, 2, 3], 0, AnomalySide.TwoSided), 6);
        Assert.Equal(0.039203, AdaptiveKernelPValue.ForSide([1, 2, 3], 0, AnomalySide.Negative), 6);
    }

    [Fact]
    public void A_window_of_identical_values_scores_a_repeat_one_half_and_anything_else_near_zero()
    {
        // σ = 0, so h is floored at 1e-6: erf(0) = 0 for the repeat, erf(0.001/1e-6) = 1 for the other
        Assert.Equal(0.5, AdaptiveKernelPValue.ForSide([5, 5, 5], 5, AnomalySide.TwoSided));
        Assert.Equal(AdaptiveKernelPValue.MinPValue, AdaptiveKernelPValue.ForSide([5, 5, 5], 5.001, AnomalySide.TwoSided));
    }
}
