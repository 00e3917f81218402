using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Pipeline.Tests.BlastRadius;

public sealed class SqliteBlastRadiusTripStoreTests : BlastRadiusTripStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private protected override Task<ISqlDialect> CreateDatabaseAsync() =>
        Task.FromResult<ISqlDialect>(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")));

    public void Dispose() => _directory.Dispose();
}
