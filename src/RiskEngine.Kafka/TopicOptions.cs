using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Kafka;

/// <summary>The topics the engine reads and writes. Bound from the "Topics" section.</summary>
public sealed class TopicOptions
{
    public const string SectionName = "Topics";

    /// <summary>The default input: sign-ins and access logs of any supported format, detected per message.</summary>
    [Required]
    public string SignIns { get; set; } = "riskengine.signins";

    /// <summary>OPA decision logs, as the decision-log upload endpoint writes them.</summary>
    [Required]
    public string Decisions { get; set; } = "riskengine.decisions";

    /// <summary>
    /// Canonical events keyed by identity: the decode stage writes it, the scoring stage reads it, so every
    /// event of one identity reaches the one instance that holds its partition and state.
    /// </summary>
    [Required]
    public string Events { get; set; } = "riskengine.events";

    /// <summary>
    /// The SET topic: every signed CAEP SET the engine issues (session-revoked, assurance-level-change for a step-up,
    /// risk-level-change), keyed by subject, for PEPs to subscribe to. The name is historical.
    /// </summary>
    [Required]
    public string Revocations { get; set; } = "riskengine.revocations";

    /// <summary>
    /// Alerts for people, not PEPs: a JSON record each time the blast-radius guard trips (<c>"type": "blast-radius-tripped"</c>,
    /// schemas/blast-radius-alert.schema.json), keyed by the alert type.
    /// </summary>
    [Required]
    public string Alerts { get; set; } = "riskengine.alerts";

    /// <summary>Input that could not be scored, with its original bytes and the reason in headers.</summary>
    [Required]
    public string DeadLetter { get; set; } = "riskengine.deadletter";

    /// <summary>
    /// Dead-lettered payloads above this are cut to it (the headers say so and give the full size and hash):
    /// a message too large to accept must not become one too large to dead-letter.
    /// </summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int DeadLetterMaxPayloadBytes { get; set; } = 900 * 1024;

    public IEnumerable<string> All => [SignIns, Decisions, Events, Revocations, Alerts, DeadLetter];
}
