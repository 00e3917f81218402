namespace RiskEngine.Core.Policy;

/// <summary>How the sensitivity of what an event touches is told. Bound from the "Trust:Sensitivity" section.</summary>
public sealed class ResourceSensitivityOptions
{
    /// <summary>For an event whose resource is neither labelled nor listed.</summary>
    public ResourceSensitivity Default { get; set; } = ResourceSensitivity.Internal;

    /// <summary>
    /// Classification labels other than the four sensitivity names, as policy inputs and data catalogues write
    /// them ("pii", "secret"); matched ignoring case.
    /// </summary>
    public Dictionary<string, ResourceSensitivity> Labels { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = ResourceSensitivity.Public,
        ["general"] = ResourceSensitivity.Internal,
        ["pii"] = ResourceSensitivity.Confidential,
        ["sensitive"] = ResourceSensitivity.Confidential,
        ["secret"] = ResourceSensitivity.Restricted,
        ["highly-confidential"] = ResourceSensitivity.Restricted,
    };

    /// <summary>Applications and destination workloads (as events name them) whose sensitivity is known; matched ignoring case.</summary>
    public Dictionary<string, ResourceSensitivity> Resources { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
