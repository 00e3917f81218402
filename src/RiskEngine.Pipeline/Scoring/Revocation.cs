using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>A signed session-revoked SET, the event that caused it, and the reason it carries.</summary>
public readonly record struct Revocation(IdentityEvent Trigger, IssuedSecurityEventToken Token, string Reason);
