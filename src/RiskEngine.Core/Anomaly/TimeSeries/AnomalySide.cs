namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>Which departures from the window count as anomalies (ML.NET's <c>AnomalySide</c>).</summary>
public enum AnomalySide
{
    /// <summary>Only values above what the window makes likely.</summary>
    Positive,

    /// <summary>Only values below what the window makes likely.</summary>
    Negative,

    /// <summary>Values far from the window on either side.</summary>
    TwoSided,
}
