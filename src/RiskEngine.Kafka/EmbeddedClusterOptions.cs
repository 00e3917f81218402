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
    /// Partitions per topic; eight by default. The embedded cluster answers a fetch with one message set per partition,
    /// found by walking the partition's sets from the oldest, so every message read costs a walk over what its
    /// partition keeps. Fewer partitions batch more messages into each set and keep fewer sets: at 5,000 sign-ins/s
    /// event-to-SET p99 was 28–39 ms with 8, 47–61 ms with 16 and 51 ms with 48. The price is backlog: each partition
    /// keeps at most 5 MiB, so a topic of 8 keeps 40 MiB, about 19,000 Entra sign-ins, before dropping the oldest.
    /// </summary>
    [Range(1, 1024)]
    public int Partitions { get; set; } = 8;
}
