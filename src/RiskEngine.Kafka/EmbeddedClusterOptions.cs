using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Kafka;

/// <summary>The embedded cluster started when no bootstrap servers are configured.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>
    /// One by default: the brokers share this process's memory, so more of them add no durability, only a
    /// fetch loop per broker in every client, which on two cores trebled the p99 of event-to-SET latency.
    /// Raise it to exercise a client across leaders.
    /// </summary>
    [Range(1, 9)]
    public int Brokers { get; set; } = 1;

    /// <summary>
    /// Partitions per topic. Each partition of the embedded cluster keeps at most 5 MiB or 100,000 message
    /// sets, so more partitions means more backlog kept before the oldest is dropped.
    /// </summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 48;
}
