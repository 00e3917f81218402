namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>
/// Flags values that the recent window of their own series makes unlikely, by the adaptive-kernel p-value. Follows
/// dotnet/machinelearning src/Microsoft.ML.TimeSeries/IidSpikeDetector.cs (alert on the p-value, threshold
/// 1 − confidence/100), IidAnomalyDetectionBase.cs (the value is its own raw score) and
/// SequentialAnomalyDetectionTransformBase.cs (p-value, then window update, then no alert until the window is full).
/// Stateless itself: each series keeps a <see cref="SeriesWindow"/>.
/// </summary>
public sealed class IidSpikeDetector
{
    private readonly IidSpikeDetectorOptions _options;

    public IidSpikeDetector(IidSpikeDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SeriesWindow.ThrowIfWindowSizeOutOfRange(options.PvalueHistoryLength, nameof(options.PvalueHistoryLength));
        ConfidencePercent.ThrowIfOutOfRange(options.Confidence, nameof(options.Confidence));
        _options = options;
        AlertThreshold = 1 - options.Confidence / 100;
    }

    /// <summary>A p-value at or below this is a spike.</summary>
    public double AlertThreshold { get; }

    /// <summary>
    /// Scores <paramref name="value"/> against the window, then adds it. A NaN is ignored, as ML.NET ignores a NaN
    /// raw score: no verdict, the window unchanged.
    /// </summary>
    public SpikeResult Process(ref SeriesWindow window, float value)
    {
        if (float.IsNaN(value))
        {
            return new SpikeResult(double.NaN, IsSpike: false);
        }

        var pValue = AdaptiveKernelPValue.ForSide(window.Values, value, _options.Side);
        window.Add(value, _options.PvalueHistoryLength);
        return new SpikeResult(pValue, window.IsFull(_options.PvalueHistoryLength) && pValue <= AlertThreshold);
    }
}
