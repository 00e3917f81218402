using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>
/// A signed CAEP SET the scoring stage decided on (a revocation, a step-up or a risk level change), the event
/// that caused it, the assessment that explains it, the reason it carries and the
/// <see cref="TrustOptions.ThresholdVersion"/> it was decided under.
/// </summary>
public readonly record struct SecurityEvent(IdentityEvent Trigger, TrustAction Action, IssuedSecurityEventToken Token, TrustAssessment Assessment, string Reason, int ThresholdVersion);
