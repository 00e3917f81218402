using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// MFA fatigue (push bombing): someone who has the password sends prompt after prompt until the worn-down user
/// approves one. A run of at least <see cref="MinDenials"/> denied prompts, then an approval, all within
/// <see cref="Window"/>.
/// </summary>
public sealed class MfaFatigueOptions
{
    [Range(2, 100)]
    public int MinDenials { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>High: an approval after a run of denials is how the 2022 Uber and Cisco breaches began.</summary>
    [Range(0, 100)]
    public double Penalty { get; set; } = 50;
}
