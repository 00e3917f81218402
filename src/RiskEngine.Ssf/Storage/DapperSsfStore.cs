using System.Data.Common;
using System.Text.Json;
using Dapper;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf.Storage;

/// <summary>
/// <see cref="ISsfStore"/> in SQL both SQLite and PostgreSQL run (<c>ON CONFLICT</c>, <c>LIMIT</c>), through Dapper.
/// Times are Unix milliseconds and flags 0/1 in BIGINT columns, so the two databases read back the same types.
/// </summary>
public sealed class DapperSsfStore : ISsfStore, IAsyncDisposable
{
    private static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(7);

    private const string OutboxColumns =
        "seq AS Seq, stream_id AS StreamId, jti AS Jti, subject_key AS SubjectKey, event_type AS EventType, control AS Control, " +
        "token AS Token, state AS State, attempts AS Attempts, next_attempt_ms AS NextAttemptMs, last_error AS LastError, created_ms AS CreatedMs";

    private const string StreamColumns =
        "stream_id AS StreamId, status AS Status, status_reason AS StatusReason, configuration AS Configuration";

    // A push SET may go when its stream is enabled (a control event: whatever the status) and nothing earlier of its
    // stream and subject is still pending.
    private const string DeliverablePush =
        "FROM ssf_outbox o JOIN ssf_streams s ON s.stream_id = o.stream_id " +
        "WHERE s.delivery_method = @Push AND o.state = 0 AND (s.status = @Enabled OR o.control = 1) " +
        "AND NOT EXISTS (SELECT 1 FROM ssf_outbox e WHERE e.stream_id = o.stream_id AND e.subject_key = o.subject_key AND e.state = 0 AND e.seq < o.seq)";

    private readonly ISqlDialect _dialect;

    public DapperSsfStore(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        _dialect = dialect;
    }

    public string Description => _dialect.Description;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS ssf_streams (stream_id TEXT PRIMARY KEY, delivery_method TEXT NOT NULL, status TEXT NOT NULL, " +
                "status_reason TEXT NULL, configuration TEXT NOT NULL, created_ms BIGINT NOT NULL, last_verification_ms BIGINT NULL)",
            "CREATE TABLE IF NOT EXISTS ssf_subjects (stream_id TEXT NOT NULL, subject TEXT NOT NULL, included BIGINT NOT NULL, PRIMARY KEY (stream_id, subject))",
            $"CREATE TABLE IF NOT EXISTS ssf_outbox ({_dialect.SequenceColumn}, stream_id TEXT NOT NULL, jti TEXT NOT NULL, subject_key TEXT NOT NULL, " +
                "event_type TEXT NOT NULL, control BIGINT NOT NULL, token TEXT NOT NULL, state BIGINT NOT NULL, attempts BIGINT NOT NULL, " +
                "next_attempt_ms BIGINT NOT NULL, last_error TEXT NULL, created_ms BIGINT NOT NULL, UNIQUE (stream_id, jti))",
            "CREATE INDEX IF NOT EXISTS ssf_outbox_subject ON ssf_outbox (stream_id, subject_key, state, seq)",
            "CREATE INDEX IF NOT EXISTS ssf_outbox_due ON ssf_outbox (state, next_attempt_ms)",
        ],
        cancellationToken);

    public async Task CreateStreamAsync(StreamConfiguration stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ssf_streams (stream_id, delivery_method, status, status_reason, configuration, created_ms) " +
            "VALUES (@StreamId, @Method, @Status, @StatusReason, @Configuration, @CreatedMs)",
            new
            {
                stream.StreamId,
                stream.Delivery.Method,
                Status = stream.Status.ToWire(),
                stream.StatusReason,
                Configuration = StreamJson.WriteStored(stream),
                CreatedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    public async Task<StreamConfiguration?> GetStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StreamRow>(new CommandDefinition(
            $"SELECT {StreamColumns} FROM ssf_streams WHERE stream_id = @streamId", new { streamId }, cancellationToken: cancellationToken));
        return row?.ToStream();
    }

    public async Task<IReadOnlyList<StreamConfiguration>> ListStreamsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StreamRow>(new CommandDefinition(
            $"SELECT {StreamColumns} FROM ssf_streams ORDER BY created_ms, stream_id", cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToStream())];
    }

    public async Task<bool> UpdateStreamAsync(StreamConfiguration stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ssf_streams SET delivery_method = @Method, status = @Status, status_reason = @StatusReason, configuration = @Configuration " +
            "WHERE stream_id = @StreamId",
            new { stream.StreamId, stream.Delivery.Method, Status = stream.Status.ToWire(), stream.StatusReason, Configuration = StreamJson.WriteStored(stream) },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task<bool> DeleteStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { streamId };
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ssf_outbox WHERE stream_id = @streamId", parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ssf_subjects WHERE stream_id = @streamId", parameters, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ssf_streams WHERE stream_id = @streamId", parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    public async Task<bool> TryRecordVerificationAsync(string streamId, long nowMs, long minIntervalMs, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ssf_streams SET last_verification_ms = @nowMs WHERE stream_id = @streamId " +
            "AND (last_verification_ms IS NULL OR last_verification_ms <= @latest)",
            new { streamId, nowMs, latest = nowMs - minIntervalMs },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task SetSubjectAsync(StreamSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ssf_subjects (stream_id, subject, included) VALUES (@StreamId, @SubjectJson, @Included) " +
            "ON CONFLICT (stream_id, subject) DO UPDATE SET included = excluded.included",
            new { subject.StreamId, subject.SubjectJson, Included = subject.Included ? 1L : 0L },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StreamSubject>> ListSubjectsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubjectRow>(new CommandDefinition(
            "SELECT stream_id AS StreamId, subject AS Subject, included AS Included FROM ssf_subjects", cancellationToken: cancellationToken));
        return [.. rows.Select(row => new StreamSubject(row.StreamId, row.Subject, row.Included != 0))];
    }

    public async Task<int> EnqueueAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ssf_outbox (stream_id, jti, subject_key, event_type, control, token, state, attempts, next_attempt_ms, created_ms) " +
            "VALUES (@StreamId, @Jti, @SubjectKey, @EventType, @Control, @Token, 0, 0, @Now, @Now) ON CONFLICT (stream_id, jti) DO NOTHING",
            entries.Select(entry => new { entry.StreamId, entry.Jti, entry.SubjectKey, entry.EventType, Control = entry.IsControl ? 1L : 0L, entry.Token, Now = now }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    public async Task<IReadOnlyList<OutboxEntry>> DuePushAsync(long nowMs, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {Prefixed("o.")} {DeliverablePush} AND o.next_attempt_ms <= @nowMs ORDER BY o.seq LIMIT @limit",
            new { Push = DeliveryMethods.Push, Enabled = StreamStatusNames.Enabled, nowMs, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    public async Task<long?> NextPushAttemptAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT MIN(o.next_attempt_ms) {DeliverablePush}",
            new { Push = DeliveryMethods.Push, Enabled = StreamStatusNames.Enabled },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(string streamId, bool includeHeld, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {OutboxColumns} FROM ssf_outbox WHERE stream_id = @streamId AND state = 0 AND (control = 1 OR @includeHeld = 1) ORDER BY seq LIMIT @limit",
            new { streamId, includeHeld = includeHeld ? 1L : 0L, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    public async Task<IReadOnlyDictionary<string, long>> PendingCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string StreamId, long Pending)>(new CommandDefinition(
            "SELECT stream_id, COUNT(*) FROM ssf_outbox WHERE state = 0 GROUP BY stream_id",
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.StreamId, row => row.Pending, StringComparer.Ordinal);
    }

    public async Task<int> AcknowledgeAsync(string streamId, IReadOnlyCollection<string> jtis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jtis);
        if (jtis.Count == 0)
        {
            return 0;
        }

        // A delivered row is kept (state 2, delivered at next_attempt_ms) for DeliveredRetention: a SET read again from
        // the topic meanwhile (a redelivery, a restart before the offset was committed) then meets its jti and is not
        // sent a second time, which deleting the row on acknowledgement allowed.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var acknowledged = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ssf_outbox SET state = 2, next_attempt_ms = @now WHERE stream_id = @streamId AND state = 0 AND jti = @jti",
            jtis.Distinct(StringComparer.Ordinal).Select(jti => new { streamId, jti, now }),
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ssf_outbox WHERE state = 2 AND next_attempt_ms < @cutoff",
            new { cutoff = now - (long)DeliveredRetention.TotalMilliseconds },
            cancellationToken: cancellationToken));
        return acknowledged;
    }

    public async Task<bool> RejectAsync(string streamId, string jti, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ssf_outbox SET state = 1, last_error = @reason WHERE stream_id = @streamId AND jti = @jti AND state = 0",
            new { streamId, jti, reason },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task ScheduleRetryAsync(long seq, int attempts, long nextAttemptMs, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE ssf_outbox SET attempts = @attempts, next_attempt_ms = @nextAttemptMs, last_error = @reason WHERE seq = @seq AND state = 0",
            new { seq, attempts = (long)attempts, nextAttemptMs, reason },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxEntry>> RejectedAsync(string streamId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"SELECT {OutboxColumns} FROM ssf_outbox WHERE stream_id = @streamId AND state = 1 ORDER BY seq DESC LIMIT @limit",
            new { streamId, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToEntry())];
    }

    public async Task<int> DropHeldAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ssf_outbox WHERE stream_id = @streamId AND state = 0 AND control = 0",
            new { streamId },
            cancellationToken: cancellationToken));
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    private static string Prefixed(string alias) =>
        string.Join(", ", OutboxColumns.Split(", ").Select(column => alias + column));

    // Dapper fills these by name from the column aliases; integers arrive as BIGINT from both databases.
    private sealed class OutboxRow
    {
        public long Seq { get; set; }

        public string StreamId { get; set; } = "";

        public string Jti { get; set; } = "";

        public string SubjectKey { get; set; } = "";

        public string EventType { get; set; } = "";

        public long Control { get; set; }

        public string Token { get; set; } = "";

        public long State { get; set; }

        public long Attempts { get; set; }

        public long NextAttemptMs { get; set; }

        public string? LastError { get; set; }

        public long CreatedMs { get; set; }

        public OutboxEntry ToEntry() => new()
        {
            Seq = Seq,
            StreamId = StreamId,
            Jti = Jti,
            SubjectKey = SubjectKey,
            EventType = EventType,
            IsControl = Control != 0,
            Token = Token,
            State = (OutboxState)State,
            Attempts = (int)Attempts,
            NextAttemptMs = NextAttemptMs,
            LastError = LastError,
            CreatedMs = CreatedMs,
        };
    }

    private sealed class StreamRow
    {
        public string StreamId { get; set; } = "";

        public string Status { get; set; } = "";

        public string? StatusReason { get; set; }

        public string Configuration { get; set; } = "";

        public StreamConfiguration ToStream()
        {
            using var document = JsonDocument.Parse(Configuration);
            var stored = StreamRequest.Read(document.RootElement, issuer: null);
            if (!StreamStatusNames.TryParse(Status, out var status) || stored.DeliveryMethod is null || stored.EndpointUrl is null || stored.Audiences is null)
            {
                throw new InvalidDataException($"Stream {StreamId} is stored incompletely (status '{Status}', configuration {Configuration}).");
            }

            return new StreamConfiguration(
                StreamId,
                stored.Audiences,
                stored.EventsRequested ?? [],
                new StreamDelivery(stored.DeliveryMethod, stored.EndpointUrl, stored.AuthorizationHeader),
                stored.Description,
                status,
                StatusReason);
        }
    }

    private sealed class SubjectRow
    {
        public string StreamId { get; set; } = "";

        public string Subject { get; set; } = "";

        public long Included { get; set; }
    }
}
