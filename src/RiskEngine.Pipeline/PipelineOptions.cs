using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Pipeline;

/// <summary>What the pipeline accepts. Bound from the "Pipeline" section.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>Larger messages are dead-lettered unread; 1 MiB is Event Hubs' own message limit.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>An event this much older than its message is a replayed or corrupt record, not news.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An event from further in the future than this, relative to its message, has a broken clock.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(10);
}
