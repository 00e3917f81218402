using System.Diagnostics.CodeAnalysis;
using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Identity;

/// <summary>
/// One traffic series of a workload (requests, client errors, bytes sent): the total of its open event-time
/// bucket, and the totals of the buckets before it, which a spike detector judges against. Inline, no heap.
/// </summary>
/// <remarks>
/// Only buckets in which the workload made requests count: an idle spell adds no zeros, because a window of zeros
/// would make the workload's ordinary traffic look like a spike when it wakes. The detectors compare active
/// buckets with active buckets.
/// </remarks>
public struct TrafficSeries
{
    private SeriesWindow _closed;
    private long _openBucketStartTicks;
    private long _openTotal;

    /// <summary>The totals of the latest closed buckets.</summary>
    [UnscopedRef]
    public readonly ref readonly SeriesWindow Closed => ref _closed;

    /// <summary>The start of the bucket of width <paramref name="width"/> that <paramref name="at"/> falls in; buckets are aligned to the epoch.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset at, TimeSpan width) =>
        new(at.UtcTicks - (at.UtcTicks % width.Ticks), TimeSpan.Zero);

    /// <summary>
    /// What the bucket <paramref name="at"/> falls in holds before an event at that time: the open bucket's total,
    /// 0 when <paramref name="at"/> begins a later bucket, null for an event older than the open bucket.
    /// </summary>
    public readonly long? TotalBefore(DateTimeOffset at, TimeSpan width)
    {
        var bucket = BucketStart(at, width).UtcTicks;
        if (bucket < _openBucketStartTicks)
        {
            return null;
        }

        return bucket == _openBucketStartTicks ? _openTotal : 0;
    }

    /// <summary>
    /// Adds <paramref name="amount"/> at <paramref name="at"/>. An event in a later bucket first closes the open one
    /// into the window of the last <paramref name="windowSize"/> buckets. An event older than the open bucket is
    /// dropped: its bucket has been judged, and late events piled into the open one would make a spike of their own.
    /// </summary>
    /// <remarks>
    /// A closing bucket was judged while it was open, so it joins the window without a p-value of its own; a quiet
    /// workload closes a bucket on nearly every request, and the p-value computed here was discarded.
    /// </remarks>
    public void Add(DateTimeOffset at, TimeSpan width, long amount, int windowSize)
    {
        SeriesWindow.ThrowIfWindowSizeOutOfRange(windowSize, nameof(windowSize));
        var bucket = BucketStart(at, width).UtcTicks;
        if (bucket < _openBucketStartTicks)
        {
            return;
        }

        if (bucket > _openBucketStartTicks)
        {
            if (_openBucketStartTicks != 0)
            {
                _closed.Add(_openTotal, windowSize);
            }

            _openBucketStartTicks = bucket;
            _openTotal = 0;
        }

        _openTotal = Plus(_openTotal, amount);
    }

    /// <summary>A bucket total plus a non-negative amount, held at <see cref="long.MaxValue"/>: a byte count from a bad log line must not wrap.</summary>
    public static long Plus(long total, long amount) => total > long.MaxValue - amount ? long.MaxValue : total + amount;
}
