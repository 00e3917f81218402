using Microsoft.Extensions.Logging;
using RiskEngine.Files;

namespace RiskEngine.ReferenceData.Reloading;

/// <summary>
/// What a file says, read at start and again whenever the file changes, handed to <c>apply</c> each time. Changes are
/// found by polling (<see cref="FileChangeTracker"/>) rather than by change notifications, which miss an editor that
/// replaces the file and a Kubernetes ConfigMap update (a symbolic link swapped to a new directory). A version that
/// cannot be read is logged and the last good one stays in force; at start there is none, so the constructor throws.
/// </summary>
public sealed class ReloadingFile<T> : IDisposable
    where T : class
{
    private readonly FileChangeTracker _changes;
    private readonly Func<string, T> _load;
    private readonly Action<T> _apply;
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private readonly Lock _lock = new();

    /// <param name="path">The file; a symbolic link is followed.</param>
    /// <param name="load">Reads and validates the file; throws when it cannot be used.</param>
    /// <param name="apply">Puts a freshly loaded version in force (called on the polling thread).</param>
    /// <exception cref="IOException">The file is missing or unreadable at start.</exception>
    public ReloadingFile(string path, Func<string, T> load, Action<T> apply, ILogger logger, TimeSpan pollInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _changes = new FileChangeTracker(Path.GetFullPath(path));
        _load = load;
        _apply = apply;
        _logger = logger;
        var version = FileVersion.Of(_changes.Path) ?? throw new FileNotFoundException($"{_changes.Path} does not exist", _changes.Path);
        Current = load(_changes.Path);
        _changes.Recorded(version);
        apply(Current);
        _timer = new Timer(_ => Poll(), null, pollInterval, pollInterval);
    }

    /// <summary>The version in force.</summary>
    public T Current { get; private set; }

    /// <summary>
    /// Reloads when the file changed since it was last read, or had not settled when it was read; true when a new
    /// version was put in force.
    /// </summary>
    public bool Poll()
    {
        lock (_lock)
        {
            if (!_changes.MustRead(out var version) || version is null)
            {
                return false; // a file being replaced may be missing for an instant: keep what we have
            }

            // Recorded before the load, so that a version that cannot be used is reported once, not at every poll.
            _changes.Recorded(version);
            T loaded;
            try
            {
                loaded = _load(_changes.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or System.Text.Json.JsonException)
            {
                _logger.ReloadFailed(_changes.Path, ex.Message);
                return false;
            }

            Current = loaded;
            _apply(loaded);
            _logger.Reloaded(_changes.Path);
            return true;
        }
    }

    public void Dispose() => _timer.Dispose();
}
