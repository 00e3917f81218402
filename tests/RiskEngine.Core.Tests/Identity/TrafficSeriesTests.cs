using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Tests.Identity;

public sealed class TrafficSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private const int WindowSize = 4;

    [Fact]
    public void A_bucket_closes_into_the_window_when_an_event_falls_in_a_later_one()
    {
        var series = default(TrafficSeries);
        series.Add(T0.AddSeconds(10), Minute, 3, WindowSize);
        series.Add(T0.AddSeconds(50), Minute, 4, WindowSize);

        Assert.Equal(7, series.TotalBefore(T0.AddSeconds(59), Minute));
        Assert.Equal(0, series.TotalBefore(T0.AddMinutes(5), Minute));
        Assert.Equal(0, series.Closed.Count);

        // Minutes 1 to 4 pass with no event: they add no zeros, only the closed minute 0 enters the window.
        series.Add(T0.AddMinutes(5), Minute, 1, WindowSize);

        Assert.Equal([7f], series.Closed.Values.ToArray());
        Assert.Equal(1, series.TotalBefore(T0.AddMinutes(5).AddSeconds(30), Minute));
    }

    [Fact]
    public void An_event_older_than_the_open_bucket_is_dropped_and_not_judged()
    {
        var series = default(TrafficSeries);
        series.Add(T0.AddMinutes(1), Minute, 2, WindowSize);

        series.Add(T0.AddSeconds(30), Minute, 100, WindowSize);

        Assert.Null(series.TotalBefore(T0.AddSeconds(30), Minute));
        Assert.Equal(2, series.TotalBefore(T0.AddMinutes(1).AddSeconds(1), Minute));
        Assert.Equal(0, series.Closed.Count);
    }

    [Fact]
    public void Buckets_are_aligned_to_the_epoch_not_to_the_first_event()
    {
        Assert.Equal(T0.AddMinutes(5), TrafficSeries.BucketStart(T0.AddMinutes(5).AddSeconds(59.9), Minute));
        Assert.Equal(T0.AddMinutes(10), TrafficSeries.BucketStart(T0.AddMinutes(14), TimeSpan.FromMinutes(5)));
    }
}
