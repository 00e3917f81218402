using MathNet.Numerics.Distributions;
using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly.TimeSeries;

public sealed class MartingaleChangePointDetectorTests
{
    private static MartingaleChangePointDetector Detector(int window = 3, MartingaleType martingale = MartingaleType.Power) =>
        new(new MartingaleChangePointOptions { ChangeHistoryLength = window, Confidence = 95, Martingale = martingale });

    private static List<ChangePointResult> Run(MartingaleChangePointDetector detector, ref ChangePointState state, IEnumerable<float> values)
    {
        var results = new List<ChangePointResult>();
        foreach (var value in values)
        {
            results.Add(detector.Process(ref state, value));
        }

        return results;
    }

    /// <summary>Runs 300 values of standard-normal noise, then <paramref name="count"/> more shifted by <paramref name="shift"/>.</summary>
    private static (List<ChangePointResult> Before, List<ChangePointResult> After) RunLevelShift(
        MartingaleChangePointDetector detector, int seed, float shift, int count)
    {
        var state = new ChangePointState();
        var before = Run(detector, ref state, StandardNormalNoise(seed, count: 300));
        var after = Run(detector, ref state, StandardNormalNoise(seed + 100, count).Select(v => v + shift));
        return (before, after);
    }

    private static IEnumerable<float> StandardNormalNoise(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)Normal.Sample(random, 0, 1));
    }

    [Fact]
    public void The_power_martingale_over_the_first_values_by_hand()
    {
        var detector = Detector();
        var state = new ChangePointState();

        var first = detector.Process(ref state, 0);
        var second = detector.Process(ref state, 1);
        var third = detector.Process(ref state, 2);

        // value 0, empty window: p = 0.5; bet = ln ε + (ε−1)·ln p = −2.302585 + (−0.9)(−0.693147) = −1.678753
        // the first bet fills the 3-slot window: score = exp(3 · −1.678753) = exp(−5.036258) = 0.006498
        Assert.Equal(0.5, first.PValue);
        Assert.Equal(0.006498, first.MartingaleScore, 6);
        // value 1 against {0}: h = √2, p = 0.5 − erf(0.707107)/2 = 0.158655; one earlier value is fewer than the
        // window − 1 = 2 that an alerting value is scored against, so it is bet on as p = 0.5: the score stays 0.006498
        Assert.Equal(0.158655, second.PValue, 6);
        Assert.Equal(0.006498, second.MartingaleScore, 6);
        // value 2 against {0, 1}: σ = 0.5, h = 0.707107; erf(2.828427) = 0.999937, erf(1.414214) = 0.954500
        // p = 0.5 − 1.954437/4 = 0.011391, below its complement; bet = −2.302585 + 0.9·4.474930 = 1.724852
        // score = exp(−1.678753 − 1.678753 + 1.724852) = exp(−1.632654) = 0.195410
        Assert.Equal(0.011391, third.PValue, 6);
        Assert.Equal(0.19541, third.MartingaleScore, 4);
    }

    [Fact]
    public void The_mixture_martingale_over_the_first_value_by_hand()
    {
        var detector = Detector(martingale: MartingaleType.Mixture);
        var state = new ChangePointState();

        var first = detector.Process(ref state, 0);

        // p = 0.5, ln p = −0.693147: ln(p·ln p + 1 − p) = ln(0.153426) = −1.874577; −2·ln(0.693147) = 0.733026; −ln p = 0.693147
        // bet = −1.874577 + 0.733026 + 0.693147 = −0.448404; score = exp(3 · −0.448404) = 0.260515
        Assert.Equal(0.2605, first.MartingaleScore, 4);
    }

    [Theory]
    // bet(0.05): power −2.302585 + 0.9·2.995732 = 0.393574 → exp(3·0.393574) = 3.256724
    [InlineData(MartingaleType.Power, 3.256724)]
    // mixture: ln(0.05·ln 0.05 + 0.95) = ln(0.800213) = −0.222877; −2·ln(2.995732) = −2.194381; −ln 0.05 = 2.995732 → 0.578474 → exp(3·0.578474) = 5.671379
    [InlineData(MartingaleType.Mixture, 5.6714)]
    public void The_threshold_is_the_martingale_of_a_window_of_p_values_at_one_minus_the_confidence(MartingaleType martingale, double threshold)
    {
        Assert.Equal(threshold, Detector(martingale: martingale).AlertThreshold, 4);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(19)]
    [InlineData(23)]
    public void Stays_below_the_threshold_on_independent_noise(int seed)
    {
        var detector = Detector(window: SeriesWindow.Capacity);
        var state = new ChangePointState();

        var results = Run(detector, ref state, StandardNormalNoise(seed, count: 2000));

        Assert.DoesNotContain(results, r => r.IsChangePoint);
        Assert.True(results.Max(r => r.MartingaleScore) < detector.AlertThreshold);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    public void The_power_martingale_rises_by_orders_of_magnitude_after_a_level_shift(int seed)
    {
        var (before, after) = RunLevelShift(Detector(window: SeriesWindow.Capacity), seed, shift: 6, count: 2 * SeriesWindow.Capacity);

        Assert.DoesNotContain(before, r => r.IsChangePoint);
        Assert.True(after.Max(r => r.MartingaleScore) > 10_000 * before.Max(r => r.MartingaleScore));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(17)]
    public void The_mixture_martingale_alerts_on_a_large_level_shift(int seed)
    {
        var detector = Detector(window: SeriesWindow.Capacity, martingale: MartingaleType.Mixture);

        var (before, after) = RunLevelShift(detector, seed, shift: 20, count: SeriesWindow.Capacity);

        Assert.DoesNotContain(before, r => r.IsChangePoint);
        Assert.Contains(after, r => r.IsChangePoint);
    }

    [Fact]
    public void A_step_in_a_steady_series_is_a_change_point()
    {
        var detector = Detector(window: 8);
        var state = new ChangePointState();
        var steady = Run(detector, ref state, Enumerable.Repeat(5f, 8));

        var stepped = Run(detector, ref state, Enumerable.Repeat(7f, 8));

        // threshold: ln = 8 · bet(0.05) = 8 · 0.393574 = 3.148592; steady bets are all bet(0.5) = −1.678753
        // first 7: the window {5 ×8} has σ = 0, so p = 1e-8 and bet = −2.302585 + 0.9·18.420681 = 14.276028;
        //   ln score = 7 · −1.678753 + 14.276028 = 2.524759, short of 3.148592
        // second 7: window {5 ×7, 7}, σ = 0.661438, h = 0.935414; erf(2/h) = 0.997503 seven times, erf(0) once
        //   p = 0.5 − 6.982522/16 = 0.063592, bet = 0.177150; ln score = 2.524759 + 1.678753 + 0.177150 = 4.380662
        Assert.DoesNotContain(steady, r => r.IsChangePoint);
        Assert.Equal([false, true], stepped.Take(2).Select(r => r.IsChangePoint));
    }

    [Fact]
    public void After_an_alert_the_next_window_minus_one_values_stay_quiet()
    {
        var detector = Detector();
        var state = new ChangePointState();
        Run(detector, ref state, [5, 5, 5]);

        // each value dwarfs the window before it, so every p-value is the 1e-8 floor and every score is far above the threshold
        var jumps = Run(detector, ref state, [1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f]);

        Assert.All(jumps, r => Assert.True(r.MartingaleScore > detector.AlertThreshold));
        Assert.Equal([true, false, false, true, false, false, true], jumps.Select(r => r.IsChangePoint));
    }

    [Fact]
    public void Values_scored_against_a_short_history_are_not_bet_on()
    {
        var detector = Detector();
        var state = new ChangePointState();

        var results = Run(detector, ref state, [5, 1e6f, 1e9f]);

        // 1e6 against {5} is at the p-value floor, but one earlier value is short of the 2 an alerting value has
        Assert.Equal(AdaptiveKernelPValue.MinPValue, results[1].PValue);
        Assert.Equal(results[0].MartingaleScore, results[1].MartingaleScore);
        Assert.Equal([false, false, true], results.Select(r => r.IsChangePoint));
    }

    [Fact]
    public void A_missing_value_is_ignored()
    {
        var detector = Detector();
        var state = new ChangePointState();
        Run(detector, ref state, [1, 2]);
        var withoutGap = new ChangePointState();
        var expected = Run(detector, ref withoutGap, [1, 2, 3])[2];

        var missing = detector.Process(ref state, float.NaN);
        var next = detector.Process(ref state, 3);

        Assert.False(missing.IsChangePoint);
        Assert.True(double.IsNaN(missing.MartingaleScore));
        Assert.Equal(expected, next);
    }

    [Fact]
    public void Refuses_an_epsilon_outside_zero_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MartingaleChangePointDetector(new MartingaleChangePointOptions { PowerMartingaleEpsilon = 1 }));
    }
}
