using System.Globalization;
using RiskEngine.Core.Anomaly.TimeSeries;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

/// <summary>
/// A workload's traffic in one event-time bucket far above its recent buckets, judged by ML.NET's IID spike
/// detector (adaptive-kernel p-value, upper tail) over its closed buckets. The open bucket is judged as it fills,
/// so a spike is found inside its bucket, not when the bucket closes; it fires on the event that makes the bucket
/// a spike, once per bucket.
/// </summary>
public abstract class TrafficSpikeSignal : ISignal
{
    private readonly TrafficSpikeOptions _options;
    private readonly IidSpikeDetector _detector;

    protected TrafficSpikeSignal(TrafficSpikeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _detector = new IidSpikeDetector(new IidSpikeDetectorOptions
        {
            PvalueHistoryLength = options.HistoryBuckets,
            Confidence = options.Confidence,
            Side = AnomalySide.Positive,
        });
    }

    public abstract string Name { get; }

    /// <summary>How the evidence names what is counted: "requests", "4xx responses".</summary>
    protected abstract string Unit { get; }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.ServiceRequest || state.Workload is not { } workload)
        {
            return null;
        }

        var amount = AmountOf(identityEvent);
        if (amount <= 0)
        {
            return null; // the bucket did not grow, so it cannot have become a spike
        }

        ref readonly var series = ref SeriesOf(workload);
        if (series.TotalBefore(identityEvent.Timestamp, _options.BucketWidth) is not { } before)
        {
            return null;
        }

        // Every test is monotone in the total, and the window is fixed while the bucket is open: the bucket becomes
        // a spike at exactly one event, the one that takes it over.
        var total = TrafficSeries.Plus(before, amount);
        if (PValueIfSpike(series.Closed, total) is not { } pValue || PValueIfSpike(series.Closed, before) is not null)
        {
            return null;
        }

        var mean = Mean(series.Closed.Values);
        var width = _options.BucketWidth;
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"{Name}: {total:N0} {Unit} in the {Describe(width)} from {TrafficSeries.BucketStart(identityEvent.Timestamp, width).UtcDateTime:HH:mm:ss}Z so far, " +
            $"{Ratio(total, mean)} the mean of its last {series.Closed.Count} active buckets ({mean:#,##0.##}), p = {pValue:0.0E+0}; " +
            $"last: {identityEvent.ErrorCode} {identityEvent.Action ?? "-"} {identityEvent.Resource ?? "/"} to {identityEvent.AppDisplayName ?? "an unnamed destination"}");
        return new SignalFinding(Name, _options.Penalty, evidence);
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.ServiceRequest)
        {
            return;
        }

        // A request that adds nothing still opens its bucket: a minute without errors is a zero of the error series.
        var workload = state.GetOrAddWorkload(identityEvent.Timestamp);
        SeriesOf(workload).Add(identityEvent.Timestamp, _options.BucketWidth, Math.Max(AmountOf(identityEvent), 0), _options.HistoryBuckets);
    }

    /// <summary>What one request adds to the series.</summary>
    protected abstract long AmountOf(IdentityEvent request);

    protected abstract ref TrafficSeries SeriesOf(WorkloadHistory workload);

    private static double Mean(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    private static string Ratio(long total, double mean) =>
        mean > 0 ? string.Create(CultureInfo.InvariantCulture, $"{total / mean:0.#}x") : "far above";

    private static string Describe(TimeSpan width) => width.TotalSeconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{width.TotalMinutes:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{width.TotalSeconds:0} s");

    /// <summary>
    /// The p-value of <paramref name="total"/> when the detector would call it a spike and it clears both floors;
    /// null otherwise. The detector's own verdict, taken without adding the open bucket to the window.
    /// </summary>
    private double? PValueIfSpike(in SeriesWindow closed, long total)
    {
        if (total < _options.MinimumPerBucket || closed.Count < _options.HistoryBuckets ||
            total < _options.MinimumRatio * Mean(closed.Values))
        {
            return null;
        }

        var pValue = AdaptiveKernelPValue.ForSide(closed.Values, total, AnomalySide.Positive);
        return pValue <= _detector.AlertThreshold ? pValue : null;
    }
}
