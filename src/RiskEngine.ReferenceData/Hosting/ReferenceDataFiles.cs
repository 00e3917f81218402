using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Signals;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Reloading;

namespace RiskEngine.ReferenceData.Hosting;

/// <summary>
/// Loads the configured model files into the <see cref="ScoringContext"/> when the host starts (before the stages,
/// being registered first) and swaps in each new version while it runs.
/// </summary>
public sealed partial class ReferenceDataFiles : IHostedService, IDisposable
{
    private readonly ScoringContext _context;
    private readonly ModelOptions _options;
    private readonly ILogger<ReferenceDataFiles> _logger;
    private ReloadingFile<ActivityModel>? _activityModel;

    public ReferenceDataFiles(ScoringContext context, IOptions<ModelOptions> options, ILogger<ReferenceDataFiles> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.ActivityModel is not { Length: > 0 } path)
        {
            LogActivityModelOff();
            return Task.CompletedTask;
        }

        var fullPath = Path.GetFullPath(path);
        _activityModel = new ReloadingFile<ActivityModel>(fullPath, ModelFile.Load, model => _context.ActivityModel = model, _logger, _options.PollInterval);
        var name = _activityModel.Current.Name;
        LogActivityModelLoaded(name, fullPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _activityModel?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _activityModel?.Dispose();

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Scoring with activity model {Name} from {Path}; a newer file is swapped in without a restart")]
    private partial void LogActivityModelLoaded(string name, string path);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "No activity model configured (Models:ActivityModel): the unusual-activity signal is off")]
    private partial void LogActivityModelOff();
}
