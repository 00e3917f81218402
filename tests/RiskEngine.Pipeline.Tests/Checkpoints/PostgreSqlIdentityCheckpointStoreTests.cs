using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Pipeline.Tests.Checkpoints;

public sealed class PostgreSqlIdentityCheckpointStoreTests(PostgreSqlServer server) : IdentityCheckpointStoreContractTests, IClassFixture<PostgreSqlServer>
{
    private protected override async Task<ISqlDialect> CreateDatabaseAsync() => new PostgreSqlDialect(await server.CreateDatabaseAsync());
}
