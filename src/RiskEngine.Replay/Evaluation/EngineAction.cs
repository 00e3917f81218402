using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;

namespace RiskEngine.Replay.Evaluation;

/// <summary>A SET the engine issued: on whom, for which event, at what event time, which action, at what risk level.</summary>
public sealed record EngineAction(string IdentityId, string EventId, DateTimeOffset Time, TrustAction Action, RiskLevel Level, string Reason)
{
    /// <summary>
    /// Whether a PEP acts on it: a step-up, a revocation, or a risk level raised to medium or high (the only action
    /// taken on a workload, which is never asked to step up). A low risk level is information, not an action.
    /// </summary>
    public bool IsEnforcing => Action is TrustAction.StepUp or TrustAction.RevokeSession || (Action == TrustAction.RiskLevelChange && Level >= RiskLevel.Medium);
}
