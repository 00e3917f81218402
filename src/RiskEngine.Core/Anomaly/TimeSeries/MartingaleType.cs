namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>The betting function that turns p-values into martingale growth (ML.NET's <c>MartingaleType</c>, less <c>None</c>).</summary>
public enum MartingaleType
{
    /// <summary>Bets ε·p^(ε−1) on each p-value.</summary>
    Power,

    /// <summary>The power martingale integrated over ε in (0, 1).</summary>
    Mixture,
}
