using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly.TimeSeries;

public sealed class SpectralResidualTests
{
    private static SpectralResidualPoint[] Detect(double[] series)
    {
        var results = new SpectralResidualPoint[series.Length];
        new SpectralResidual(new SpectralResidualOptions()).Detect(series, results, new SpectralResidualScratch(series.Length));
        return results;
    }

    private static double[] Sine(int length) =>
        Enumerable.Range(0, length).Select(i => 10 + 5 * Math.Sin(2 * Math.PI * i / 25)).ToArray();

    [Fact]
    public void A_constant_series_has_a_flat_saliency_of_one_over_the_transform_length()
    {
        // 12 fives, back-added with 5 more (the extrapolation of a flat line is flat: 5 + five zero slopes), N = 17.
        // Only the DC bin is non-zero: |X₀| = 85, log 85 = 4.442651, and its 3-point trailing average is itself, so the
        // residual amplitude is exp(0) = 1; every other bin is below 1e-8 and dropped. The inverse transform of a lone
        // unit DC bin is 1/N everywhere: saliency 1/17 = 0.058824, equal to its local average, so every score is 0.
        var results = Detect(Enumerable.Repeat(5.0, 12).ToArray());

        Assert.All(results, r => Assert.Equal(0.058824, r.Saliency, 6));
        Assert.All(results, r => Assert.Equal(0, r.Score, 9));
        Assert.DoesNotContain(results, r => r.IsAnomaly);
    }

    [Fact]
    public void A_spike_injected_into_a_sine_wave_is_the_one_anomaly()
    {
        var series = Sine(200);
        series[120] += 30;

        var results = Detect(series);

        Assert.Equal([120], results.Select((r, i) => (r, i)).Where(p => p.r.IsAnomaly).Select(p => p.i));
        Assert.Equal(1.0, results[120].Score);
    }

    [Fact]
    public void A_clean_sine_wave_has_no_anomaly()
    {
        Assert.DoesNotContain(Detect(Sine(200)), r => r.IsAnomaly);
    }

    /// <summary>min(1, |S(i) − mean(S(i−39..i))| / mean(S(i−39..i)) / 10), for a point past the first 40.</summary>
    private static double ScoreFromSaliency(SpectralResidualPoint[] results, int i)
    {
        var localAverage = results.Skip(i - 39).Take(40).Average(r => r.Saliency);
        return Math.Min(1, Math.Abs(results[i].Saliency - localAverage) / localAverage / 10);
    }

    [Fact]
    public void The_score_is_the_saliency_against_its_trailing_forty_point_average()
    {
        var series = Sine(200);
        series[120] += 30;

        var results = Detect(series);

        foreach (var i in new[] { 60, 119, 120, 121, 150 })
        {
            Assert.Equal(ScoreFromSaliency(results, i), results[i].Score, 12);
        }
    }

    [Fact]
    public void A_high_score_within_one_and_a_half_sigma_of_the_mean_is_vetoed()
    {
        // the sine's trough (5.01 at i = 119) lifted to its mean 10: a sharp local jump, but z = 0 < 1.5
        var series = Sine(200);
        series[119] = 10;

        var results = Detect(series);

        Assert.True(ScoreFromSaliency(results, 119) > 0.3);
        Assert.False(results[119].IsAnomaly);
        Assert.Equal(0, results[119].Score);
    }

    [Fact]
    public void Refuses_a_series_shorter_than_twelve_points()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpectralResidualScratch(11));
    }

    [Fact]
    public void Refuses_a_scratch_of_another_length()
    {
        var detector = new SpectralResidual(new SpectralResidualOptions());

        Assert.Throws<ArgumentException>(() => detector.Detect(Sine(20), new SpectralResidualPoint[20], new SpectralResidualScratch(21)));
    }
}
