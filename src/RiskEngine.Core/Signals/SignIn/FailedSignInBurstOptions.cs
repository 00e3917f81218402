using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

public sealed class FailedSignInBurstOptions
{
    [Range(2, 1000)]
    public int Threshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    [Range(0, 100)]
    public double Penalty { get; set; } = 30;
}
