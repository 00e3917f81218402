namespace RiskEngine.Ssf.Outbox;

/// <summary>One SET waiting for one stream's receiver, as the outbox keeps it until the receiver acknowledges it.</summary>
public sealed class OutboxEntry
{
    /// <summary>The outbox's own order: within a stream and subject, SETs go out in this order.</summary>
    public long Seq { get; init; }

    public required string StreamId { get; init; }

    /// <summary>The stream's own <c>jti</c> of the SET (unique per stream: the outbox holds a SET once).</summary>
    public required string Jti { get; init; }

    /// <summary>The subject the SET is about; a later SET of the same subject waits for this one.</summary>
    public required string SubjectKey { get; init; }

    public required string EventType { get; init; }

    /// <summary>SSF's own verification and stream-updated events, which go out whatever the stream's status.</summary>
    public bool IsControl { get; init; }

    /// <summary>The compact SET, signed for the stream's audience.</summary>
    public required string Token { get; init; }

    public OutboxState State { get; init; }

    public int Attempts { get; init; }

    /// <summary>Unix milliseconds before which no further push attempt is made.</summary>
    public long NextAttemptMs { get; init; }

    /// <summary>Why the last attempt failed or the receiver refused the SET: "err: description".</summary>
    public string? LastError { get; init; }

    public long CreatedMs { get; init; }
}
