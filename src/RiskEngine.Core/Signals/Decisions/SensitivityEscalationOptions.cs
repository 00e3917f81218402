using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.Decisions;

public sealed class SensitivityEscalationOptions
{
    /// <summary>From an identity's first decision, the event time during which what it is allowed is learned silently.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan LearningPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Allowed decisions the identity must have had before a more sensitive one means anything.</summary>
    [Range(0, 1_000_000)]
    public int MinAllowedDecisions { get; set; } = 20;

    [Range(0, 100)]
    public double Penalty { get; set; } = 20;
}
