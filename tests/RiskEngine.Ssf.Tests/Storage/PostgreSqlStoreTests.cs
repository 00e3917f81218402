using RiskEngine.Ssf.Storage;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Ssf.Tests.Storage;

public sealed class PostgreSqlStoreTests(PostgreSqlServer server) : StoreContractTests, IClassFixture<PostgreSqlServer>
{
    private protected override async Task<ISsfStore> CreateStoreAsync() =>
        new DapperSsfStore(new PostgreSqlDialect(await server.CreateDatabaseAsync()));
}
