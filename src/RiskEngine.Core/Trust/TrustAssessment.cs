using RiskEngine.Core.Signals;

namespace RiskEngine.Core.Trust;

/// <summary>The score one sign-in left its identity with, and the signals it fired (empty when none did).</summary>
public readonly record struct TrustAssessment(double PreviousScore, double Score, IReadOnlyList<SignalFinding> Findings);
