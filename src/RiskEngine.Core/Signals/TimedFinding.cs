namespace RiskEngine.Core.Signals;

/// <summary>A finding with the event time of the sign-in that produced it.</summary>
public readonly record struct TimedFinding(SignalFinding Finding, DateTimeOffset At);
