using System.Data.Common;
using Dapper;
using RiskEngine.Core.Trust;
using RiskEngine.Storage;

namespace RiskEngine.Thresholds.Storage;

/// <summary>
/// The <c>threshold_versions</c> table of the analysts' database, through Dapper, in SQL both SQLite and PostgreSQL
/// run. Append-only: a change or a rollback adds a version numbered one past the last; nothing is updated or
/// deleted, so the history says who set what, when and why. Times are Unix milliseconds, as in the other stores.
/// </summary>
public sealed class ThresholdStore(ISqlDialect dialect, TimeProvider time)
{
    private const string Columns = "version AS Version, document AS Document, author AS Author, reason AS Reason, created_at_ms AS CreatedAtMs, rolled_back_from AS RolledBackFrom";
    private const int InsertAttempts = 20;

    public string Description => dialect.Description;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS threshold_versions (version BIGINT PRIMARY KEY, document TEXT NOT NULL, author TEXT NOT NULL, " +
                "reason TEXT NOT NULL, created_at_ms BIGINT NOT NULL, rolled_back_from BIGINT NULL)",
        ],
        cancellationToken);

    /// <summary>The latest version, or null when none was ever stored (the configuration's own thresholds apply).</summary>
    public async Task<ThresholdVersion?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM threshold_versions ORDER BY version DESC LIMIT 1", cancellationToken: cancellationToken));
        return row?.ToVersion();
    }

    /// <summary>The number of the latest version, 0 when there is none: what the running engine polls.</summary>
    public async Task<int> LatestVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM threshold_versions", cancellationToken: cancellationToken));
    }

    public async Task<ThresholdVersion?> GetAsync(int version, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM threshold_versions WHERE version = @version", new { version = (long)version }, cancellationToken: cancellationToken));
        return row?.ToVersion();
    }

    /// <summary>The versions, newest first.</summary>
    public async Task<IReadOnlyList<ThresholdVersion>> HistoryAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM threshold_versions ORDER BY version DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToVersion())];
    }

    /// <summary>
    /// Stores <paramref name="thresholds"/> as the next version once they make sense laid over <paramref name="configured"/>.
    /// </summary>
    /// <exception cref="ThresholdRefusedException">They do not, or the change names no author or reason; nothing is stored.</exception>
    public Task<ThresholdVersion> SaveAsync(ThresholdSettings thresholds, TrustOptions configured, ThresholdChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return AppendAsync(thresholds, configured, change, rolledBackFrom: null, cancellationToken);
    }

    /// <summary>Stores the thresholds of version <paramref name="toVersion"/> again, as the next version: history is never rewritten.</summary>
    /// <exception cref="ThresholdRefusedException">No such version, or it no longer makes sense with the configuration.</exception>
    public async Task<ThresholdVersion> RollbackAsync(int toVersion, TrustOptions configured, ThresholdChange change, CancellationToken cancellationToken)
    {
        var earlier = await GetAsync(toVersion, cancellationToken)
            ?? throw new ThresholdRefusedException([$"there is no version {toVersion} to roll back to"]);
        return await AppendAsync(earlier.Thresholds, configured, change, toVersion, cancellationToken);
    }

    private async Task<ThresholdVersion> AppendAsync(ThresholdSettings thresholds, TrustOptions configured, ThresholdChange change, int? rolledBackFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(change);
        if (change.Problem() is { } problem)
        {
            throw new ThresholdRefusedException([problem]);
        }

        if (thresholds.ApplyTo(configured, version: 1) is { Succeeded: false } invalid)
        {
            throw new ThresholdRefusedException(invalid.Failures);
        }

        var document = thresholds.ToJson();
        var createdAt = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            try
            {
                // The next number is taken in the insert itself; two writers that take the same one meet the primary key, and the later one tries again.
                var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO threshold_versions (version, document, author, reason, created_at_ms, rolled_back_from) " +
                    "SELECT COALESCE(MAX(version), 0) + 1, @document, @author, @reason, @createdAtMs, @rolledBackFrom FROM threshold_versions RETURNING version",
                    new { document, author = change.Author, reason = change.Reason, createdAtMs = createdAt.ToUnixTimeMilliseconds(), rolledBackFrom = (long?)rolledBackFrom },
                    cancellationToken: cancellationToken));
                return new ThresholdVersion((int)version, ThresholdSettings.Parse(document), change.Author, change.Reason, DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds()), rolledBackFrom);
            }
            catch (DbException ex) when (attempt < InsertAttempts && IsDuplicateKey(ex))
            {
            }
        }
    }

    // SQLite: SQLITE_CONSTRAINT (19); PostgreSQL: unique_violation (23505).
    private static bool IsDuplicateKey(DbException ex) =>
        ex.SqlState == "23505" || ex.ErrorCode == 19 || ex.Message.Contains("UNIQUE constraint", StringComparison.Ordinal);

    private sealed record Row(long Version, string Document, string Author, string Reason, long CreatedAtMs, long? RolledBackFrom)
    {
        public ThresholdVersion ToVersion() => new(
            (int)Version, ThresholdSettings.Parse(Document), Author, Reason, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), (int?)RolledBackFrom);
    }
}
