namespace RiskEngine.Audit.Records;

/// <summary>
/// Which audited decisions to read: one identity's or everyone's, with event times in [<see cref="From"/>,
/// <see cref="To"/>), the first <see cref="Limit"/> of them by event time then <c>jti</c>.
/// </summary>
public sealed record AuditQuery
{
    public const int DefaultLimit = 1000;

    public string? Identity { get; init; }

    /// <summary>The earliest event time included; null for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The first event time excluded; null for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>At most this many decisions, at least 1.</summary>
    public int Limit { get; init; } = DefaultLimit;
}
