namespace RiskEngine.Audit.Records;

/// <summary>
/// One SET the engine issued, as the audit keeps it: what was done to whom, when, under which thresholds and why.
/// Members a SET from an engine older than the audit headers cannot say are null.
/// </summary>
public sealed record AuditedDecision
{
    /// <summary>The SET's <c>jti</c>: the record's key, so a SET delivered twice is kept once.</summary>
    public required string Jti { get; init; }

    /// <summary>The identity the engine scored.</summary>
    public required string Identity { get; init; }

    /// <summary>When the event that caused the SET happened (event time, UTC, to the millisecond).</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>The id of the input event that caused the SET (the SET's <c>txn</c>).</summary>
    public string? SourceEventId { get; init; }

    /// <summary>What the SET does, by <see cref="Core.Policy.TrustAction"/> name: RevokeSession, StepUp, RiskLevelChange.</summary>
    public required string Action { get; init; }

    /// <summary>The CAEP event type URI the SET carries.</summary>
    public required string EventType { get; init; }

    /// <summary>The trust score after the event, 0..100.</summary>
    public double? Score { get; init; }

    /// <summary>The risk level after the event, by <see cref="Core.Trust.RiskLevel"/> name.</summary>
    public string? Level { get; init; }

    /// <summary>The threshold version the decision was taken under.</summary>
    public int? ThresholdVersion { get; init; }

    /// <summary>The assessment behind the decision as JSON (<see cref="Core.Trust.TrustJsonContext"/>).</summary>
    public string? Explanation { get; init; }

    /// <summary>The SET's <c>reason_admin</c> (English).</summary>
    public string? Reason { get; init; }

    /// <summary>When the audit stored the record (wall clock, to the millisecond).</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
