using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Pipeline.Tests.BlastRadius;

public sealed class PostgreSqlBlastRadiusTripStoreTests(PostgreSqlServer server) : BlastRadiusTripStoreContractTests, IClassFixture<PostgreSqlServer>
{
    private protected override async Task<ISqlDialect> CreateDatabaseAsync() => new PostgreSqlDialect(await server.CreateDatabaseAsync());
}
