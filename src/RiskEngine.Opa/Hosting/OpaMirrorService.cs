using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Opa.Client;
using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Hosting;

/// <summary>Runs the <see cref="RevocationMirror"/>'s loop for the host's lifetime.</summary>
public sealed partial class OpaMirrorService(RevocationMirror mirror, OpaDataClient client, ILogger<OpaMirrorService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(client.DocumentPath);
        return mirror.RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keeping the revoked subjects and sessions in OPA at {Path}")]
    private partial void LogStarting(string path);
}
