using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Pipeline.Tests.Checkpoints;

public sealed class SqliteIdentityCheckpointStoreTests : IdentityCheckpointStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private protected override Task<ISqlDialect> CreateDatabaseAsync() =>
        Task.FromResult<ISqlDialect>(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")));

    public void Dispose() => _directory.Dispose();
}
