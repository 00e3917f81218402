using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>
/// An event with the score it left its identity with, the signals behind it, the decision taken, and the
/// <see cref="TrustOptions.ThresholdVersion"/> it was decided under.
/// </summary>
public readonly record struct ScoredEvent(IdentityEvent Event, TrustAssessment Assessment, TrustDecision Decision, int ThresholdVersion);
