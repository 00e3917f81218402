using System.Diagnostics;

namespace RiskEngine.Kafka.Observability;

/// <summary>
/// Durations in fixed buckets four to each doubling, from 1 µs to about 67 s, counted without locks or allocation, for
/// percentiles an operator can read without a metrics backend. A percentile is the upper bound of the bucket it falls
/// in, so it overstates by at most 19% (2^¼ − 1).
/// </summary>
public sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 4;

    // 26 doublings from 1 µs: 2^26 µs = 67 s; anything slower lands in the last bucket.
    private const int BucketCount = 26 * BucketsPerDoubling + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    /// <summary>Counts one duration measured in <see cref="Stopwatch"/> ticks.</summary>
    public void Record(long stopwatchTicks)
    {
        var microseconds = stopwatchTicks * 1_000_000.0 / Stopwatch.Frequency;
        var bucket = microseconds <= 1 ? 0 : Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log2(microseconds) * BucketsPerDoubling));
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The duration below which <paramref name="quantile"/> (0..1) of those recorded fall, or null before any.</summary>
    public TimeSpan? Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var counts = new long[BucketCount];
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
            total += counts[i];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(BucketCount - 1);
    }

    private static TimeSpan UpperBound(int bucket) => TimeSpan.FromMicroseconds(Math.Pow(2, (double)bucket / BucketsPerDoubling));
}
