namespace RiskEngine.Core.Signals;

/// <summary>A signal that fired: which one, how much trust it took, and the evidence in words an analyst can check.</summary>
public readonly record struct SignalFinding(string Signal, double Penalty, string Evidence);
