using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Policy;

/// <summary>What to do about an identity after an event, and, when acting, why in words an administrator reads.</summary>
public readonly record struct TrustDecision
{
    public static TrustDecision None => default;

    public TrustAction Actions { get; init; }

    /// <summary>The sensitivity of what the event touched, whose thresholds applied.</summary>
    public ResourceSensitivity Sensitivity { get; init; }

    /// <summary>The level last published for the identity before this decision; <see cref="RiskLevel.None"/> when none was.</summary>
    public RiskLevel PreviousPublishedLevel { get; init; }

    /// <summary>The assurance a step-up asks for.</summary>
    public AuthenticatorAssuranceLevel StepUpTo { get; init; }

    /// <summary>A short reason for a risk level change: the signals still weighing on the score, or that trust recovered.</summary>
    public string? RiskReason { get; init; }

    /// <summary>
    /// The blast-radius guard's trip when it held a revocation this decision would have taken (a user is asked to step
    /// up instead, once while the guard holds it, even one asked before); null when nothing was held.
    /// </summary>
    public BlastRadiusTrip? RevocationHeldBy { get; init; }

    /// <summary>Whether this decision's revocation tripped the guard: the first one held, for which the alert goes out.</summary>
    public bool TrippedBlastRadiusGuard { get; init; }

    /// <summary>The score, the thresholds crossed and the evidence of every signal still weighing on the score.</summary>
    public string? Reason { get; init; }
}
