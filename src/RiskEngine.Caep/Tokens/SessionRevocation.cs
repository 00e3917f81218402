namespace RiskEngine.Caep.Tokens;

/// <summary>The decision to revoke an identity's sessions, as input to <see cref="SecurityEventTokenIssuer.IssueSessionRevoked"/>.</summary>
public sealed record SessionRevocation
{
    /// <summary>The user's stable id (e.g. the Entra object id); also the Kafka message key, so per-user order holds.</summary>
    public required string IdentityId { get; init; }

    /// <summary>UPN or email if known; used as the subject only when it contains '@', since receivers match email subjects literally.</summary>
    public string? Email { get; init; }

    /// <summary>The session to revoke; null or empty revokes every session of the user.</summary>
    public string? SessionId { get; init; }

    public required string TriggeringEventId { get; init; }

    /// <summary>Event time of the triggering event, which becomes the CAEP <c>event_timestamp</c>.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>English text naming the signals; the interoperability profile requires a non-empty <c>reason_admin</c>.</summary>
    public required string ReasonAdmin { get; init; }

    /// <summary>The SET <c>txn</c>, shared by every SET with the same root cause; null or empty means <see cref="TriggeringEventId"/>.</summary>
    public string? Txn { get; init; }
}
