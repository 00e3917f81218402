namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Settings of <see cref="MartingaleChangePointDetector"/>, named as ML.NET's <c>IidChangePointDetector.Options</c>.</summary>
public sealed record MartingaleChangePointOptions
{
    /// <summary>
    /// The window of earlier values for the p-values and of p-values for the martingale (ML.NET's
    /// <c>ChangeHistoryLength</c>, default 20 there); at most <see cref="SeriesWindow.Capacity"/>.
    /// </summary>
    public int ChangeHistoryLength { get; init; } = SeriesWindow.Capacity;

    /// <summary>Confidence in percent, in (0, 100); it sets the martingale threshold.</summary>
    public double Confidence { get; init; } = 95;

    public MartingaleType Martingale { get; init; } = MartingaleType.Power;

    /// <summary>The ε of the power martingale, in (0, 1).</summary>
    public double PowerMartingaleEpsilon { get; init; } = 0.1;
}
