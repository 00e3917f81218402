namespace RiskEngine.Core.Policy;

public enum TrustAction
{
    None,
    RevokeSession,
}
