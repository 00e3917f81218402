using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Kafka;

/// <summary>The topics the engine reads and writes. Bound from the "Topics" section.</summary>
public sealed class TopicOptions
{
    public const string SectionName = "Topics";

    /// <summary>Entra ID sign-ins: Graph signIn objects or diagnostic-settings envelopes.</summary>
    [Required]
    public string SignIns { get; set; } = "riskengine.signins";

    /// <summary>Signed session-revoked SETs, keyed by subject, for PEPs to subscribe to.</summary>
    [Required]
    public string Revocations { get; set; } = "riskengine.revocations";

    /// <summary>Input that could not be scored, with its original bytes and the reason in headers.</summary>
    [Required]
    public string DeadLetter { get; set; } = "riskengine.deadletter";

    /// <summary>
    /// Dead-lettered payloads above this are cut to it (the headers say so and give the full size and hash):
    /// a message too large to accept must not become one too large to dead-letter.
    /// </summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int DeadLetterMaxPayloadBytes { get; set; } = 900 * 1024;

    public IEnumerable<string> All => [SignIns, Revocations, DeadLetter];
}
