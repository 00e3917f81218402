using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using RiskEngine.Core.Trust;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Thresholds.Hosting;

/// <summary>
/// The stored thresholds version in force in this process: read when first needed (before the first event is
/// scored), then the store is polled every <see cref="ThresholdsOptions.PollInterval"/>, and a new version, saved
/// here or by another process, signals the Trust options to be rebuilt with it (<see cref="StoredThresholdsOverlay"/>).
/// </summary>
public sealed partial class StoredThresholds : BackgroundService, IOptionsChangeTokenSource<TrustOptions>
{
    private readonly ThresholdStore _store;
    private readonly ThresholdsOptions _options;
    private readonly ILogger<StoredThresholds> _logger;
    private CancellationTokenSource _changed = new();
    private ThresholdVersion? _current;

    public StoredThresholds(ThresholdStore store, IOptions<ThresholdsOptions> options, ILogger<StoredThresholds> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _logger = logger;

        // Synchronously, because the scoring stage takes its first settings while the host is still being built.
        _store.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        _current = _store.CurrentAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (_current is { } current)
        {
            LogInForce(current.Version, current.Author, current.Reason, _store.Description);
        }
    }

    /// <summary>The latest stored version, or null when none was ever stored.</summary>
    public ThresholdVersion? Current => Volatile.Read(ref _current);

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Looks for a new version now rather than at the next poll (the admin API calls it after a change).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await _store.LatestVersionAsync(cancellationToken);
        if (latest == (Current?.Version ?? 0))
        {
            return;
        }

        var version = await _store.CurrentAsync(cancellationToken);
        Volatile.Write(ref _current, version);
        if (version is not null)
        {
            LogNewVersion(version.Version, version.Author, version.Reason);
        }

        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        await previous.CancelAsync();
        previous.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex, _store.Description);
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Thresholds version {Version} in force (set by {Author}: {Reason}) from {Database}")]
    private partial void LogInForce(int version, string author, string reason, string database);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Thresholds version {Version} stored by {Author} ({Reason}): applying it from the next event")]
    private partial void LogNewVersion(int version, string author, string reason);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Could not look for a new thresholds version in {Database}; the version in force stays")]
    private partial void LogPollFailed(Exception exception, string database);
}
