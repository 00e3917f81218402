using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.Decisions;

public sealed class ActivityAfterRevocationOptions
{
    /// <summary>
    /// Activity this soon after the revocation is not held against enforcement: requests already in flight, and
    /// the time a receiver takes to act on the SET.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most one finding per this much event time, however busy the unenforced identity is.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Range(0, 100)]
    public double Penalty { get; set; } = 20;
}
