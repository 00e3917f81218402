using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Opa.Client;
using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Hosting;

/// <summary>Connects the <see cref="RevocationMirror"/> to its feeds, then runs its loop for the host's lifetime.</summary>
public sealed partial class OpaMirrorService(RevocationMirror mirror, IEnumerable<IRevocationFeed> feeds, OpaDataClient client, ILogger<OpaMirrorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var feed in feeds)
        {
            await feed.ConnectAsync(mirror, stoppingToken);
        }

        LogStarting(client.DocumentPath);
        await mirror.RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeping the revoked subjects and sessions in OPA at {Path}")]
    private partial void LogStarting(string path);
}
