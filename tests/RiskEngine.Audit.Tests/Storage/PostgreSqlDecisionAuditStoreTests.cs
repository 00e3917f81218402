using RiskEngine.Audit.Storage;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Audit.Tests.Storage;

public sealed class PostgreSqlDecisionAuditStoreTests(PostgreSqlServer server) : DecisionAuditStoreContractTests, IClassFixture<PostgreSqlServer>
{
    private protected override async Task<DecisionAuditStore> CreateStoreAsync() =>
        new(new PostgreSqlDialect(await server.CreateDatabaseAsync()));
}
