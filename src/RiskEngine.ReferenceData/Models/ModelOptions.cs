using System.ComponentModel.DataAnnotations;

namespace RiskEngine.ReferenceData.Models;

/// <summary>Which trained models the engine scores with. Bound from the "Models" section.</summary>
public sealed class ModelOptions
{
    public const string SectionName = "Models";

    /// <summary>The default model's file, relative to the working directory; <c>riskengine train</c> writes it.</summary>
    public const string DefaultActivityModel = "models/default/model.json";

    /// <summary>
    /// The activity model (<c>riskengine train</c> output). Empty turns the unusual-activity signal off. A file that is
    /// named but missing or unusable stops the engine at start; at the default path, a missing file only warns.
    /// </summary>
    public string? ActivityModel { get; set; } = DefaultActivityModel;

    /// <summary>How often the model file is checked for a newer version, which is swapped in without a restart.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
