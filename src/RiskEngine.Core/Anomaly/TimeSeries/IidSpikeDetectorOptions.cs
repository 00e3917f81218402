namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Settings of <see cref="IidSpikeDetector"/>, named as ML.NET's <c>IidSpikeDetector.Options</c>.</summary>
public sealed record IidSpikeDetectorOptions
{
    /// <summary>
    /// How many earlier values the p-value is computed against (ML.NET's <c>PvalueHistoryLength</c>, default 100
    /// there); at most <see cref="SeriesWindow.Capacity"/> so a series' state stays inline.
    /// </summary>
    public int PvalueHistoryLength { get; init; } = SeriesWindow.Capacity;

    /// <summary>Confidence in percent, in (0, 100): a value whose p-value is at most 1 − Confidence/100 is a spike.</summary>
    public double Confidence { get; init; } = 99;

    public AnomalySide Side { get; init; } = AnomalySide.TwoSided;
}
