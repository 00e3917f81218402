namespace RiskEngine.Core.Policy;

/// <summary>What to do about an identity after a sign-in, and, when acting, why in words an administrator reads.</summary>
public readonly record struct TrustDecision(TrustAction Action, string? Reason)
{
    public static TrustDecision None => default;
}
