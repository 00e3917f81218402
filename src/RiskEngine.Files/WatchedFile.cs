namespace RiskEngine.Files;

/// <summary>
/// What a small file says (a token, a list of tokens), read again whenever <see cref="FileChangeTracker"/> says so,
/// so that rotating it needs no restart. A file being replaced between the look and the read leaves what was read
/// last in force until the next look. Thread-safe.
/// </summary>
public sealed class WatchedFile<T>
{
    private readonly FileChangeTracker _tracker;
    private readonly Func<string, T> _read;
    private readonly T _whenMissing;
    private readonly Lock _lock = new();
    private T _current;

    /// <param name="path">The file; a symbolic link is followed.</param>
    /// <param name="read">Reads the file (given its path); an <see cref="IOException"/> keeps the last value.</param>
    /// <param name="whenMissing">The value while the file does not exist.</param>
    /// <param name="time">The clock a version's age is measured by; the system's by default.</param>
    public WatchedFile(string path, Func<string, T> read, T whenMissing, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        _tracker = new FileChangeTracker(path, time);
        _read = read;
        _whenMissing = whenMissing;
        _current = whenMissing;
    }

    public string Path => _tracker.Path;

    /// <summary>What the file says now, read again first when it changed or had not settled at the last read.</summary>
    public T Current
    {
        get
        {
            lock (_lock)
            {
                if (_tracker.MustRead(out var version))
                {
                    try
                    {
                        _current = version is null ? _whenMissing : _read(_tracker.Path);
                        _tracker.Recorded(version);
                    }
                    catch (IOException)
                    {
                        // Replaced or removed between the look and the read: the last value stays until the next look.
                    }
                }

                return _current;
            }
        }
    }
}
