using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline;

/// <summary>A sign-in with the score it left its identity with, the signals behind it, and the decision taken.</summary>
public readonly record struct ScoredSignIn(IdentityEvent SignIn, TrustAssessment Assessment, TrustDecision Decision);
