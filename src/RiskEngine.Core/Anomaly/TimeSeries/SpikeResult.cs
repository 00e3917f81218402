namespace RiskEngine.Core.Anomaly.TimeSeries;

/// <summary>What <see cref="IidSpikeDetector"/> made of one value: its p-value for the detector's side, and the verdict.</summary>
public readonly record struct SpikeResult(double PValue, bool IsSpike);
