using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>What the traffic-spike signals share: event-time buckets judged by ML.NET's IID spike detector, and floors.</summary>
public abstract class TrafficSpikeOptions
{
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan BucketWidth { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many earlier active buckets a bucket is judged against; none is judged before there are this many.</summary>
    [Range(4, SeriesWindow.Capacity)]
    public int HistoryBuckets { get; set; } = SeriesWindow.Capacity;

    /// <summary>The detector's confidence in percent: a bucket whose upper-tail p-value is at most 1 − Confidence/100 is unusual.</summary>
    [Range(50.0, 99.9999)]
    public double Confidence { get; set; } = 99;

    /// <summary>A bucket smaller than this is never a spike, however unusual: a jump from 0 to 3 is not worth a finding.</summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MinimumPerBucket { get; set; }

    /// <summary>
    /// A spike must also be this many times the mean of the earlier buckets. A series that never varies (a health
    /// check, a poller) has a zero spread, where the kernel p-value calls any change at all a spike.
    /// </summary>
    [Range(1.0, 1000.0)]
    public double MinimumRatio { get; set; } = 3;

    [Range(0, 100)]
    public double Penalty { get; set; }
}
