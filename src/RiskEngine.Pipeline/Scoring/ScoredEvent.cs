using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>An event with the score it left its identity with, the signals behind it, and the decision taken.</summary>
public readonly record struct ScoredEvent(IdentityEvent Event, TrustAssessment Assessment, TrustDecision Decision);
