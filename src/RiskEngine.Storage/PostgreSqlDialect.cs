using System.Data.Common;
using Npgsql;

namespace RiskEngine.Storage;

/// <summary>A PostgreSQL database, through one pooled Npgsql data source.</summary>
public sealed class PostgreSqlDialect : ISqlDialect
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDialect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL database {builder.Database} at {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string Description { get; }

    public string SequenceColumn => "seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public string BinaryType => "BYTEA";

    public IReadOnlyList<string> SchemaPreamble { get; } = [];

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
