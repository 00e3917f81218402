using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Policy;

/// <summary>What the engine does about lost trust, per resource sensitivity. Bound from "Trust:Policy"; reloaded without a restart.</summary>
public sealed class TrustPolicyOptions
{
    /// <summary>
    /// After a step-up or a revocation, the same action is taken again only once the score has climbed this far above
    /// the threshold that took it; without the gap a score hovering at a threshold would act on every event.
    /// </summary>
    [Range(0, 50)]
    public double RearmMargin { get; set; } = 10;

    [Required]
    public SensitivityThresholds Thresholds { get; set; } = new();
}
