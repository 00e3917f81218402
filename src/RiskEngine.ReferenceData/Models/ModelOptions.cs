using System.ComponentModel.DataAnnotations;

namespace RiskEngine.ReferenceData.Models;

/// <summary>Which trained models the engine scores with. Bound from the "Models" section.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>
    /// The activity model (<c>riskengine train</c> output), e.g. the shipped <c>models/default/model.json</c>. Unset,
    /// the unusual-activity signal is off: measured with <c>riskengine evaluate</c>, the shipped model adds more
    /// false positives than detections (see models/README.md). A named file that is missing or unusable stops the
    /// engine at start.
    /// </summary>
    public string? ActivityModel { get; set; }

    /// <summary>How often the model file is checked for a newer version, which is swapped in without a restart.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
