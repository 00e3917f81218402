using System.Diagnostics;
using RiskEngine.Kafka.Observability;

namespace RiskEngine.Integration.Tests.Observability;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_are_the_upper_bounds_of_the_buckets_they_fall_in()
    {
        var histogram = new LatencyHistogram();
        Assert.Null(histogram.Percentile(0.5));

        // 90 events of 10 µs and 10 of 1 ms. 10 µs: log2(10) × 4 = 13.3, bucket 14, bound 2^(14/4) = 11.31 µs.
        // 1 ms: log2(1000) × 4 = 39.9, bucket 40, bound 2^10 = 1024 µs.
        for (var i = 0; i < 90; i++)
        {
            histogram.Record(Ticks(10));
        }

        for (var i = 0; i < 10; i++)
        {
            histogram.Record(Ticks(1000));
        }

        Assert.Equal(100, histogram.Count);
        Assert.Equal(11.31, histogram.Percentile(0.5)!.Value.TotalMicroseconds, tolerance: 0.1);
        // A TimeSpan holds tenths of a microsecond. Rank 90 is the last of the fast ones; rank 91 the first slow one.
        Assert.Equal(11.31, histogram.Percentile(0.90)!.Value.TotalMicroseconds, tolerance: 0.1);
        Assert.Equal(1024, histogram.Percentile(0.91)!.Value.TotalMicroseconds, tolerance: 0.1);
        Assert.Equal(1024, histogram.Percentile(0.99)!.Value.TotalMicroseconds, tolerance: 0.1);
    }

    [Fact]
    public void Durations_past_the_last_bucket_count_in_it()
    {
        var histogram = new LatencyHistogram();

        histogram.Record(Ticks(100_000_000));

        // The last bucket's bound is 2^26 µs = 67.1 s.
        Assert.Equal(Math.Pow(2, 26), histogram.Percentile(1)!.Value.TotalMicroseconds, precision: 0);
    }

    private static long Ticks(double microseconds) => (long)Math.Round(microseconds * Stopwatch.Frequency / 1_000_000);
}
