namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>One point's verdict from <see cref="SpectralResidual"/>, as ML.NET's AnomalyOnly output (IsAnomaly, RawScore, Mag).</summary>
/// <param name="IsAnomaly">The score passed the threshold and the value lies at least 1.5 σ from the series' mean.</param>
/// <param name="Score">|saliency − local average| / local average / 10, clamped to [0, 1]; 0 where the z-score check vetoed.</param>
/// <param name="Saliency">The saliency map at the point.</param>
public readonly record struct SpectralResidualPoint(bool IsAnomaly, double Score, double Saliency);
