using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Kafka.Observability;
using RiskEngine.Ssf.Storage;

namespace RiskEngine.Ssf.Outbox;

/// <summary>
/// Counts the SETs each stream's outbox has not delivered yet, every <see cref="Interval"/>, into the engine's figures
/// (the <c>riskengine.ssf.outbox.depth</c> gauge and /status): one query per interval, however fast SETs arrive.
/// </summary>
public sealed partial class OutboxDepthMonitor(ISsfStore store, EngineFigures figures, TimeProvider time, ILogger<OutboxDepthMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                figures.SetOutboxDepth(await store.PendingCountsAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database briefly away: the last depth stands until the next count.
                LogCountFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the SSF outbox's pending SETs: {Reason}")]
    private static partial void LogCountFailed(ILogger logger, string reason);
}
