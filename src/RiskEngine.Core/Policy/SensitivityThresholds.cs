using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Policy;

/// <summary>
/// The action thresholds of each resource sensitivity, bound from "Trust:Policy:Thresholds:&lt;sensitivity&gt;".
/// A more sensitive resource never acts later: each of its thresholds is at least the less sensitive one's.
/// </summary>
public sealed class SensitivityThresholds
{
    [Required]
    public ActionThresholds Public { get; set; } = new() { RiskLevelChange = 60, StepUp = 40, Revoke = 20 };

    [Required]
    public ActionThresholds Internal { get; set; } = new() { RiskLevelChange = 80, StepUp = 60, Revoke = 40 };

    [Required]
    public ActionThresholds Confidential { get; set; } = new() { RiskLevelChange = 85, StepUp = 65, Revoke = 45 };

    [Required]
    public ActionThresholds Restricted { get; set; } = new()
    {
        RiskLevelChange = 90, StepUp = 70, Revoke = 50, StepUpTo = AuthenticatorAssuranceLevel.Aal3,
    };

    public ActionThresholds For(ResourceSensitivity sensitivity) => sensitivity switch
    {
        ResourceSensitivity.Public => Public,
        ResourceSensitivity.Internal => Internal,
        ResourceSensitivity.Confidential => Confidential,
        ResourceSensitivity.Restricted => Restricted,
        _ => throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "Not a resource sensitivity."),
    };
}
