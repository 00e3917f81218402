namespace RiskEngine.Core.Policy;

/// <summary>What a decision does; one event can take several (a risk level change together with a step-up or a revocation).</summary>
[Flags]
public enum TrustAction
{
    None = 0,

    /// <summary>Publish the identity's new risk level (CAEP <c>risk-level-change</c>).</summary>
    RiskLevelChange = 1,

    /// <summary>Ask for re-authentication at a higher assurance level (CAEP <c>assurance-level-change</c>).</summary>
    StepUp = 2,

    /// <summary>Revoke the session (CAEP <c>session-revoked</c>).</summary>
    RevokeSession = 4,
}
