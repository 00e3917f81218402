using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Policy;

/// <summary>
/// When an event on a resource of one sensitivity acts: a trust score below a threshold takes its action.
/// <see cref="Trust.TrustOptionsValidator"/> requires <c>Revoke &lt; StepUp &lt; RiskLevelChange</c>.
/// </summary>
public sealed class ActionThresholds
{
    /// <summary>Below this, changes of the identity's risk level are published (and, once published, every later change until it is back to none).</summary>
    [Range(0, 100)]
    public double RiskLevelChange { get; set; }

    /// <summary>Below this, the identity is asked to re-authenticate at <see cref="StepUpTo"/>.</summary>
    [Range(0, 100)]
    public double StepUp { get; set; }

    /// <summary>Below this, the session is revoked.</summary>
    [Range(0, 100)]
    public double Revoke { get; set; }

    /// <summary>The assurance a step-up asks for; AAL2 or AAL3.</summary>
    public AuthenticatorAssuranceLevel StepUpTo { get; set; } = AuthenticatorAssuranceLevel.Aal2;

    public double For(TrustAction action) => action switch
    {
        TrustAction.RiskLevelChange => RiskLevelChange,
        TrustAction.StepUp => StepUp,
        TrustAction.RevokeSession => Revoke,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "One action at a time has a threshold."),
    };
}
