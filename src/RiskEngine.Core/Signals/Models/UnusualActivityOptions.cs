using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.Models;

public sealed class UnusualActivityOptions
{
    /// <summary>
    /// The penalty of an event the activity model scores at 1 (entirely outside normal activity); one just above the
    /// model's threshold takes half of it.
    /// </summary>
    [Range(0, 100)]
    public double Penalty { get; set; } = 20;
}
