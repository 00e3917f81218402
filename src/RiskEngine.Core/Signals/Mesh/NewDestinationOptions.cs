using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Mesh;

public sealed class NewDestinationOptions
{
    public const int DefaultKnownDestinationsPerWorkload = 16;

    /// <summary>From a workload's first request, the event time during which every destination it calls is learned silently.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan LearningPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long after a first call to a new destination the signal waits to see whether other instances of the
    /// workload (other source addresses) call it too, as they do in a deployment.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan RolloutWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A new destination called from this many distinct source addresses within the rollout window is a rollout.</summary>
    [Range(2, SourceAddresses.Capacity + 1)]
    public int RolloutMinAddresses { get; set; } = 3;

    /// <summary>Each costs 8 bytes of the workload's state; when full, a destination not called lately makes room.</summary>
    [Range(1, WorkloadHistory.MaxKnownDestinations)]
    public int KnownDestinationsPerWorkload { get; set; } = DefaultKnownDestinationsPerWorkload;

    [Range(0, 100)]
    public double Penalty { get; set; } = 20;
}
