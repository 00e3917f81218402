using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;
using RiskEngine.Core.Trust;
using RiskEngine.ReferenceData.Reloading;

namespace RiskEngine.ReferenceData.Hosting;

/// <summary>
/// Keeps <see cref="ScoringContext.AnonymizingNetworks"/> current from the list file Trust:AnonymizingNetworks:File
/// (format in <see cref="AnonymizingNetworksOptions"/>): read when the host starts, where a missing or bad file stops
/// it, then polled every ReloadInterval; a version with a bad line is logged and the list before it stays in force.
/// </summary>
public sealed partial class AnonymizingNetworksFile : IHostedService, IDisposable
{
    private readonly ScoringContext _context;
    private readonly AnonymizingNetworksOptions _options;
    private readonly ILogger<AnonymizingNetworksFile> _logger;
    private ReloadingFile<NetworkList>? _file;

    public AnonymizingNetworksFile(ScoringContext context, IOptions<TrustOptions> trust, ILogger<AnonymizingNetworksFile> logger)
    {
        ArgumentNullException.ThrowIfNull(trust);
        _context = context;
        _options = trust.Value.AnonymizingNetworks;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.File is not { Length: > 0 } path)
        {
            return Task.CompletedTask;
        }

        _file = new ReloadingFile<NetworkList>(path, Load, list => _context.AnonymizingNetworks = list, _logger, _options.ReloadInterval);
        var (count, fullPath) = (_file.Current.Count, Path.GetFullPath(path));
        LogLoaded(count, fullPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _file?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _file?.Dispose();

    private static NetworkList Load(string path) => NetworkList.Parse(File.ReadAllText(path));

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Anonymizing networks: {Count} ranges and systems from {Path}; a changed file is read again without a restart")]
    private partial void LogLoaded(int count, string path);
}
