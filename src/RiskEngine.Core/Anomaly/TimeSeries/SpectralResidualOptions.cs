namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Settings of <see cref="SpectralResidual"/>, named as ML.NET's <c>SrCnnEntireAnomalyDetectorOptions</c>.</summary>
public sealed record SpectralResidualOptions
{
    /// <summary>A point whose score, in [0, 1], exceeds this is an anomaly (ML.NET's default 0.3).</summary>
    public double Threshold { get; init; } = 0.3;
}
