using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;

namespace RiskEngine.Pipeline;

/// <summary>A signed session-revoked SET, the sign-in that caused it, and the reason it carries.</summary>
public readonly record struct Revocation(IdentityEvent Trigger, IssuedSecurityEventToken Token, string Reason);
