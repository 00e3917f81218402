using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.Decisions;

public sealed class SensitivityEscalationOptions
{
    /// <summary>From an identity's first decision, the event time during which what it is allowed is learned silently.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan LearningPeriod { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Allowed decisions the identity must have had before a more sensitive one means anything.</summary>
    [Range(0, 1_000_000)]
    public int MinAllowedDecisions { get; set; } = 10;

    /// <summary>
    /// The penalty for each sensitivity level above the highest allowed before: someone who only ever read internal
    /// documents opening a restricted one has jumped two levels, which says more than a first confidential one.
    /// </summary>
    [Range(0, 50)]
    public double PenaltyPerLevel { get; set; } = 20;
}
