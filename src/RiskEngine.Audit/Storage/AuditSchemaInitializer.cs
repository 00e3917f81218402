using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Audit.Storage;

/// <summary>Creates the audit table at start, before the recorder (registered after it) writes to it.</summary>
public sealed partial class AuditSchemaInitializer(DecisionAuditStore store, ILogger<AuditSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        LogReady(logger, store.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision audit storage ready: {Store}")]
    private static partial void LogReady(ILogger logger, string store);
}
