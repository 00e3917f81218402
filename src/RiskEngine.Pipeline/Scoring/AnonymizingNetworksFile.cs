using Microsoft.Extensions.Logging;
using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>
/// The anonymizing-networks list file (Trust:AnonymizingNetworks:File, format in <see cref="AnonymizingNetworksOptions"/>)
/// kept current in every scoring context attached to it. Read at start, where a missing or bad file stops the
/// engine; then checked every ReloadInterval and re-read when its modification time or size changes. A version that
/// cannot be read or parsed is logged and ignored, and the list before it stays in force. Polled rather than watched:
/// file-system events are lost on network file systems and for a Kubernetes ConfigMap, whose update swaps a symlink.
/// </summary>
public sealed partial class AnonymizingNetworksFile : IDisposable
{
    private readonly string? _path;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;
    private readonly Lock _lock = new();
    private readonly List<ScoringContext> _contexts = [];
    private NetworkList _current = NetworkList.Empty;
    private (DateTime Modified, long Length) _version;

    public AnonymizingNetworksFile(AnonymizingNetworksOptions options, TimeProvider time, ILogger<AnonymizingNetworksFile> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        if (options.File is not { Length: > 0 } path)
        {
            return;
        }

        _path = Path.GetFullPath(path);
        if (Load() is { } error)
        {
            throw new InvalidOperationException($"Trust:AnonymizingNetworks:File {_path}: {error}");
        }

        _timer = time.CreateTimer(_ => Refresh(), null, options.ReloadInterval, options.ReloadInterval);
    }

    /// <summary>The list in force.</summary>
    public NetworkList Current => Volatile.Read(ref _current);

    /// <summary>Gives <paramref name="context"/> the list in force now and every list taken later.</summary>
    public void Attach(ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_lock)
        {
            _contexts.Add(context);
            context.AnonymizingNetworks = _current;
        }
    }

    /// <summary>Re-reads the file if it changed since it was last read; true when a new list was taken.</summary>
    public bool Refresh()
    {
        if (_path is null)
        {
            return false;
        }

        lock (_lock)
        {
            var version = Version();
            if (version == _version)
            {
                return false;
            }

            if (Load() is { } error)
            {
                // Remember the bad version, so it is reported once, not at every check until it is fixed.
                _version = version;
                LogRefused(_logger, _path, error);
                return false;
            }

            LogReloaded(_logger, _path, _current.Count);
            return true;
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Reads and parses the file and hands the list to every context; the reason it could not, otherwise.</summary>
    private string? Load()
    {
        var version = Version();
        NetworkList list;
        try
        {
            list = NetworkList.Parse(File.ReadAllText(_path!));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return ex.Message;
        }

        lock (_lock)
        {
            (_version, _current) = (version, list);
            foreach (var context in _contexts)
            {
                context.AnonymizingNetworks = list;
            }
        }

        return null;
    }

    private (DateTime, long) Version()
    {
        var file = new FileInfo(_path!);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : default;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anonymizing networks reloaded from {Path}: {Count} ranges and systems")]
    private static partial void LogReloaded(ILogger logger, string path, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anonymizing networks file {Path} refused, the previous list stays in force: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);
}
