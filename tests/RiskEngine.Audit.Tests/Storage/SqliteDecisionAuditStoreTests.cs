using RiskEngine.Audit.Storage;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Audit.Tests.Storage;

public sealed class SqliteDecisionAuditStoreTests : DecisionAuditStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private protected override Task<DecisionAuditStore> CreateStoreAsync() =>
        Task.FromResult(new DecisionAuditStore(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db"))));

    public void Dispose() => _directory.Dispose();
}
