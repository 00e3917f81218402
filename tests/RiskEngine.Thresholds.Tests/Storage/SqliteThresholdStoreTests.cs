using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Thresholds.Tests.Storage;

public sealed class SqliteThresholdStoreTests : ThresholdStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private protected override Task<ISqlDialect> CreateDatabaseAsync() =>
        Task.FromResult<ISqlDialect>(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")));

    public void Dispose() => _directory.Dispose();
}
