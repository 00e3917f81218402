using Dapper;
using RiskEngine.Audit.Records;
using RiskEngine.Storage;

namespace RiskEngine.Audit.Storage;

/// <summary>
/// The <c>decision_audit</c> table of the analysts' database, through Dapper, in SQL both SQLite and PostgreSQL run.
/// Times are Unix milliseconds in BIGINT columns, as in the SSF store, so both databases compare and read them back
/// alike. A record is keyed on its SET's <c>jti</c> and never changes once written.
/// </summary>
public sealed class DecisionAuditStore
{
    private const string Columns =
        "jti AS Jti, identity AS Identity, event_time_ms AS EventTimeMs, triggering_event_id AS SourceEventId, action AS Action, " +
        "event_type AS EventType, score AS Score, level AS Level, threshold_version AS ThresholdVersion, explanation AS Explanation, " +
        "reason AS Reason, recorded_at_ms AS RecordedAtMs";

    private readonly ISqlDialect _dialect;

    public DecisionAuditStore(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
    }

    public string Description => _dialect.Description;

    /// <summary>Creates the table and its indexes unless they exist; every start and every reading command runs it.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS decision_audit (jti TEXT PRIMARY KEY, identity TEXT NOT NULL, event_time_ms BIGINT NOT NULL, " +
                "triggering_event_id TEXT NULL, action TEXT NOT NULL, event_type TEXT NOT NULL, score DOUBLE PRECISION NULL, level TEXT NULL, " +
                "threshold_version BIGINT NULL, explanation TEXT NULL, reason TEXT NULL, recorded_at_ms BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS decision_audit_identity_time ON decision_audit (identity, event_time_ms)",
            "CREATE INDEX IF NOT EXISTS decision_audit_time ON decision_audit (event_time_ms)",
        ],
        cancellationToken);

    /// <summary>Stores the decisions in one transaction; one whose <c>jti</c> is stored already is left as it is. Returns how many were new.</summary>
    public async Task<int> RecordAsync(IReadOnlyCollection<AuditedDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return 0;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decision_audit (jti, identity, event_time_ms, triggering_event_id, action, event_type, score, level, threshold_version, " +
            "explanation, reason, recorded_at_ms) VALUES (@Jti, @Identity, @EventTimeMs, @SourceEventId, @Action, @EventType, @Score, @Level, " +
            "@ThresholdVersion, @Explanation, @Reason, @RecordedAtMs) ON CONFLICT (jti) DO NOTHING",
            decisions.Select(DecisionRow.From),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>The decisions <paramref name="query"/> selects, by event time then <c>jti</c>.</summary>
    public async Task<IReadOnlyList<AuditedDecision>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var conditions = new List<string>();
        if (query.Identity is not null)
        {
            conditions.Add("identity = @Identity");
        }

        if (query.From is not null)
        {
            conditions.Add("event_time_ms >= @FromMs");
        }

        if (query.To is not null)
        {
            conditions.Add("event_time_ms < @ToMs");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM decision_audit{where} ORDER BY event_time_ms, jti LIMIT @Limit",
            new { query.Identity, FromMs = query.From?.ToUnixTimeMilliseconds(), ToMs = query.To?.ToUnixTimeMilliseconds(), query.Limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToDecision())];
    }

    // Dapper fills this by name from the column aliases; integers arrive as BIGINT from both databases.
    private sealed class DecisionRow
    {
        public string Jti { get; set; } = "";

        public string Identity { get; set; } = "";

        public long EventTimeMs { get; set; }

        public string? SourceEventId { get; set; }

        public string Action { get; set; } = "";

        public string EventType { get; set; } = "";

        public double? Score { get; set; }

        public string? Level { get; set; }

        public long? ThresholdVersion { get; set; }

        public string? Explanation { get; set; }

        public string? Reason { get; set; }

        public long RecordedAtMs { get; set; }

        public static DecisionRow From(AuditedDecision decision) => new()
        {
            Jti = decision.Jti,
            Identity = decision.Identity,
            EventTimeMs = decision.EventTime.ToUnixTimeMilliseconds(),
            SourceEventId = decision.SourceEventId,
            Action = decision.Action,
            EventType = decision.EventType,
            Score = decision.Score,
            Level = decision.Level,
            ThresholdVersion = decision.ThresholdVersion,
            Explanation = decision.Explanation,
            Reason = decision.Reason,
            RecordedAtMs = decision.RecordedAt.ToUnixTimeMilliseconds(),
        };

        public AuditedDecision ToDecision() => new()
        {
            Jti = Jti,
            Identity = Identity,
            EventTime = DateTimeOffset.FromUnixTimeMilliseconds(EventTimeMs),
            SourceEventId = SourceEventId,
            Action = Action,
            EventType = EventType,
            Score = Score,
            Level = Level,
            ThresholdVersion = ThresholdVersion is { } version ? checked((int)version) : null,
            Explanation = Explanation,
            Reason = Reason,
            RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(RecordedAtMs),
        };
    }
}
