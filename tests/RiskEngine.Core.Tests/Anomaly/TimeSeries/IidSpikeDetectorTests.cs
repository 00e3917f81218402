using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly.TimeSeries;

public sealed class IidSpikeDetectorTests
{
    private static List<SpikeResult> Run(IidSpikeDetector detector, ref SeriesWindow window, params float[] values)
    {
        var results = new List<SpikeResult>();
        foreach (var value in values)
        {
            results.Add(detector.Process(ref window, value));
        }

        return results;
    }

    [Fact]
    public void A_jump_after_a_constant_series_is_a_spike()
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions());
        var window = new SeriesWindow();

        var steady = Run(detector, ref window, Enumerable.Repeat(5f, 16).ToArray());
        var jump = detector.Process(ref window, 9);

        Assert.All(steady, r => Assert.Equal(0.5, r.PValue));
        Assert.DoesNotContain(steady, r => r.IsSpike);
        Assert.True(jump.IsSpike);
        Assert.Equal(AdaptiveKernelPValue.MinPValue, jump.PValue);
    }

    [Fact]
    public void The_threshold_is_one_minus_the_confidence()
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions { Confidence = 95 });

        Assert.Equal(0.05, detector.AlertThreshold, 12);
    }

    [Fact]
    public void No_spike_is_reported_until_the_window_is_full()
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions { PvalueHistoryLength = 4 });
        var early = new SeriesWindow();
        var full = new SeriesWindow();

        var tooEarly = Run(detector, ref early, 1, 1, 100);
        var inTime = Run(detector, ref full, 1, 1, 1, 100);

        Assert.Equal(AdaptiveKernelPValue.MinPValue, tooEarly[2].PValue);
        Assert.False(tooEarly[2].IsSpike);
        Assert.True(inTime[3].IsSpike);
    }

    [Theory]
    [InlineData(AnomalySide.Positive, 100f, true)]
    [InlineData(AnomalySide.Positive, -100f, false)]
    [InlineData(AnomalySide.Negative, 100f, false)]
    [InlineData(AnomalySide.Negative, -100f, true)]
    [InlineData(AnomalySide.TwoSided, 100f, true)]
    [InlineData(AnomalySide.TwoSided, -100f, true)]
    public void The_side_decides_which_departures_count(AnomalySide side, float departure, bool isSpike)
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions { PvalueHistoryLength = 8, Side = side });
        var window = new SeriesWindow();
        Run(detector, ref window, 10, 11, 10, 11, 10, 11, 10, 11);

        Assert.Equal(isSpike, detector.Process(ref window, departure).IsSpike);
    }

    [Fact]
    public void The_window_keeps_only_the_latest_values()
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions { PvalueHistoryLength = 3 });
        var window = new SeriesWindow();

        Run(detector, ref window, 1, 2, 3, 4, 5);

        Assert.Equal([4f, 5f, 3f], window.Values.ToArray());
    }

    [Fact]
    public void A_missing_value_is_ignored()
    {
        var detector = new IidSpikeDetector(new IidSpikeDetectorOptions());
        var window = new SeriesWindow();
        Run(detector, ref window, 1, 2);

        var result = detector.Process(ref window, float.NaN);

        Assert.False(result.IsSpike);
        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal(2, window.Count);
    }

    [Theory]
    [InlineData(0, 99)]
    [InlineData(SeriesWindow.Capacity + 1, 99)]
    [InlineData(8, 0)]
    [InlineData(8, 100)]
    public void Refuses_a_window_or_confidence_out_of_range(int windowSize, double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new IidSpikeDetector(new IidSpikeDetectorOptions { PvalueHistoryLength = windowSize, Confidence = confidence }));
    }
}
