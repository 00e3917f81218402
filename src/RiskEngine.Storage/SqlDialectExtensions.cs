using Dapper;

namespace RiskEngine.Storage;

public static class SqlDialectExtensions
{
    /// <summary>
    /// Runs the dialect's <see cref="ISqlDialect.SchemaPreamble"/> and then <paramref name="statements"/> on one
    /// connection: a store's <c>CREATE ... IF NOT EXISTS</c>, run at every start.
    /// </summary>
    public static async Task CreateSchemaAsync(this ISqlDialect dialect, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(statements);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        foreach (var statement in dialect.SchemaPreamble.Concat(statements))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: cancellationToken));
        }
    }
}
