using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RiskEngine.Ssf.Storage;

/// <summary>Creates the transmitter's tables at start, before the dispatcher and push delivery (registered after it) use them.</summary>
public sealed partial class SsfSchemaInitializer(ISsfStore store, ILogger<SsfSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        LogReady(logger, store.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "SSF transmitter storage ready: {Store}")]
    private static partial void LogReady(ILogger logger, string store);
}
