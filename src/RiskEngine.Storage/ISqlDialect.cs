using System.Data.Common;

namespace RiskEngine.Storage;

/// <summary>What differs between the databases a Dapper store runs on; its SQL is otherwise the same.</summary>
public interface ISqlDialect : IAsyncDisposable
{
    /// <summary>Names the database in logs and errors, without secrets.</summary>
    string Description { get; }

    /// <summary>The outbox's ordering key: an ever-increasing 64-bit integer assigned on insert.</summary>
    string SequenceColumn { get; }

    /// <summary>The column type of a byte string: a checkpoint's chunks.</summary>
    string BinaryType { get; }

    /// <summary>Statements run before the tables are created (journal mode and the like).</summary>
    IReadOnlyList<string> SchemaPreamble { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
