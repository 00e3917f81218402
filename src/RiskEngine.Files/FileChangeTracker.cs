namespace RiskEngine.Files;

/// <summary>
/// Tells a reader of a file when to read it again: when its version differs from the one read last (it was changed,
/// replaced, created or removed), or when the last read was of a version that had not settled, so that a read between
/// two writes of one clock tick is followed by one of the finished file. Not thread-safe: its reader serialises calls.
/// </summary>
public sealed class FileChangeTracker
{
    private readonly TimeProvider _time;
    private bool _read;
    private FileVersion? _lastRead;
    private bool _lastReadSettled;

    public FileChangeTracker(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _time = time ?? TimeProvider.System;
    }

    public string Path { get; }

    /// <summary>
    /// Whether the file must be read now; <paramref name="version"/> is its current version (null when it does not
    /// exist), to hand to <see cref="Recorded"/> once it has been read.
    /// </summary>
    public bool MustRead(out FileVersion? version)
    {
        version = FileVersion.Of(Path);
        return !_read || version != _lastRead || !_lastReadSettled;
    }

    /// <summary>Records that <paramref name="version"/>, as <see cref="MustRead"/> gave it, has been read.</summary>
    public void Recorded(FileVersion? version)
    {
        _read = true;
        _lastRead = version;
        _lastReadSettled = version is not { } present || present.IsSettledAt(_time.GetUtcNow().UtcDateTime);
    }
}
