using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RiskEngine.Storage;

/// <summary>A SQLite file, in write-ahead-log mode so that readers (polls, the dispatcher) do not block the writer.</summary>
public sealed class SqliteDialect : ISqlDialect
{
    private const string BusyTimeoutPragma = "PRAGMA busy_timeout = 5000";

    private readonly string _connectionString;

    public SqliteDialect(string databaseFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(databaseFile);
        Description = $"SQLite file {databaseFile}";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for this long before failing a command.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Description { get; }

    public string SequenceColumn => "seq INTEGER PRIMARY KEY AUTOINCREMENT";

    public string BinaryType => "BLOB";

    public IReadOnlyList<string> SchemaPreamble { get; } = ["PRAGMA journal_mode=WAL"];

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // Without a busy timeout SQLite reports a locked database at once and Microsoft.Data.Sqlite sleeps 150 ms before
        // each retry, so the dispatcher and the push loop writing together cost a SET 150 ms; SQLite's own handler
        // waits in steps of a few milliseconds instead.
        await using var busyTimeout = connection.CreateCommand();
        busyTimeout.CommandText = BusyTimeoutPragma;
        await busyTimeout.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
