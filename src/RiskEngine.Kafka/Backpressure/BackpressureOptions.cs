using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Kafka.Backpressure;

/// <summary>
/// When scoring falls behind decoding, the decode stage stops reading its input, so the events wait in the source
/// topics (where a real cluster keeps them for days) instead of piling up on the events topic (where the embedded
/// cluster keeps only 5 MiB a partition and drops the oldest). Bound from "Backpressure".
/// </summary>
public sealed class BackpressureOptions
{
    public const string SectionName = "Backpressure";

    /// <summary>The bound on the embedded cluster: about 2 MiB of events a partition, well inside the 5 MiB it keeps.</summary>
    public const int EmbeddedDefault = 2_000;

    /// <summary>The bound on a configured cluster, whose retention is the operator's: enough to ride out a burst.</summary>
    public const int ConfiguredDefault = 200_000;

    /// <summary>
    /// Events decoded but not yet scored, in any one partition of the events topic, above which decoding pauses; it
    /// resumes below half of it. Unset: <see cref="EmbeddedDefault"/> on the embedded cluster, <see cref="ConfiguredDefault"/> otherwise.
    /// </summary>
    [Range(10, int.MaxValue)]
    public int? MaxScoringBacklogPerPartition { get; set; }

    /// <summary>How often the backlog is measured (two requests to the cluster).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public int EffectiveMaxScoringBacklog(bool embedded) => MaxScoringBacklogPerPartition ?? (embedded ? EmbeddedDefault : ConfiguredDefault);
}
