using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Thresholds.Tests.Storage;

public sealed class PostgreSqlThresholdStoreTests(PostgreSqlServer server) : ThresholdStoreContractTests, IClassFixture<PostgreSqlServer>
{
    private protected override async Task<ISqlDialect> CreateDatabaseAsync() => new PostgreSqlDialect(await server.CreateDatabaseAsync());
}
