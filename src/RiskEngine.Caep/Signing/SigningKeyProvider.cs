using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskEngine.Caep.Signing;

/// <summary>
/// Loads the SET signing keys and rotates them as <see cref="SigningOptions"/> describes. The sources are read at
/// construction, so a misconfigured key fails the host at startup rather than at the first revocation; key files
/// are re-read every <see cref="SigningOptions.RefreshInterval"/> (or on <see cref="Refresh"/>), and an unreadable
/// file then keeps what was last read from it. <see cref="Current"/> is cheap: the decision is remade only when a
/// key becomes eligible or leaves the JWKS, by the injected clock.
/// </summary>
public sealed partial class SigningKeyProvider : ISigningKeyProvider, IDisposable
{
    public const string DevelopmentKeyFileName = DevelopmentSigningKey.FileName;

    private readonly SigningOptions _options;
    private readonly ILogger<SigningKeyProvider> _logger;
    private readonly TimeProvider _time;
    private readonly SigningKeyRing _ring;
    private readonly Dictionary<string, KeyFile> _files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ITimer? _refreshTimer;
    private SigningKeySnapshot _snapshot;

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger)
        : this(options, logger, Environment.GetEnvironmentVariable, TimeProvider.System)
    {
    }

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger, TimeProvider time)
        : this(options, logger, Environment.GetEnvironmentVariable, time)
    {
    }

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger, Func<string, string?> readEnvironmentVariable)
        : this(options, logger, readEnvironmentVariable, TimeProvider.System)
    {
    }

    public SigningKeyProvider(IOptions<SigningOptions> options, ILogger<SigningKeyProvider> logger, Func<string, string?> readEnvironmentVariable, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(readEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(time);

        // Validated here too, so a host that forgot the validator cannot rotate keys on a negative delay.
        _options = options.Value;
        ValidateOptionsResult validation = new SigningOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SigningOptions), validation.Failures);
        }

        _logger = logger;
        _time = time;
        _ring = new SigningKeyRing(_options.PublishAhead, _options.Retention, logger);
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            _ring.Update(LoadInitialKeys(readEnvironmentVariable), now);
            _snapshot = _ring.Evaluate(now);
        }
        catch
        {
            _ring.Dispose();
            throw;
        }

        if (HasKeyFiles && _options.RefreshInterval > TimeSpan.Zero)
        {
            _refreshTimer = time.CreateTimer(_ => RefreshSafely(), null, _options.RefreshInterval, _options.RefreshInterval);
        }
    }

    /// <summary>The newest key eligible to sign (see <see cref="SigningOptions"/> for the rule).</summary>
    public SigningKey Current => Snapshot().Current;

    /// <summary>The keys of the JWKS, in the order they were found.</summary>
    public IReadOnlyList<SigningKey> PublishedKeys => Snapshot().Published;

    private bool HasKeyFiles => !string.IsNullOrEmpty(_options.KeyFile) || !string.IsNullOrEmpty(_options.KeyDirectory);

    /// <summary>Re-reads the key files now and applies what changed; a no-op when keys come from elsewhere.</summary>
    public void Refresh()
    {
        if (!HasKeyFiles)
        {
            return;
        }

        lock (_lock)
        {
            if (ReadKeyFiles(initial: false) is { } found)
            {
                DateTimeOffset now = _time.GetUtcNow();
                _ring.Update(found, now);
                Volatile.Write(ref _snapshot, _ring.Evaluate(now));
            }
        }
    }

    public void Dispose()
    {
        _refreshTimer?.Dispose();
        lock (_lock)
        {
            _ring.Dispose();
            foreach (SigningKey key in _files.Values.SelectMany(file => file.Keys))
            {
                key.Dispose();
            }
        }
    }

    private SigningKeySnapshot Snapshot()
    {
        SigningKeySnapshot snapshot = Volatile.Read(ref _snapshot);
        DateTimeOffset now = _time.GetUtcNow();
        if (now < snapshot.NextChangeAt)
        {
            return snapshot;
        }

        lock (_lock)
        {
            snapshot = _ring.Evaluate(now);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
    }

    private void RefreshSafely()
    {
        try
        {
            Refresh();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogRefreshFailed(_logger, ex);
        }
    }

    private List<(SigningKey Key, string Source)> LoadInitialKeys(Func<string, string?> readEnvironmentVariable)
    {
        if (HasKeyFiles)
        {
            return ReadKeyFiles(initial: true)!;
        }

        if (!string.IsNullOrEmpty(_options.KeyEnvironmentVariable)
            && readEnvironmentVariable(_options.KeyEnvironmentVariable) is { Length: > 0 } pem)
        {
            string source = $"environment variable {_options.KeyEnvironmentVariable}";
            return [.. SigningKeyPem.ReadAll(pem, source).Select((key, i) => (key, i == 0 ? source : $"{source} (key {i + 1})"))];
        }

        SigningKey development = DevelopmentSigningKey.LoadOrCreate(_options, readEnvironmentVariable, _logger);
        return [(development, $"development signing key file in {_options.DevelopmentKeyDirectory ?? "the data directory"}")];
    }

    /// <summary>
    /// The keys of <see cref="SigningOptions.KeyFile"/> and the key directory, older files (by last write) first;
    /// unchanged files are not parsed again. At start-up any problem throws; later, an unreadable directory gives
    /// null (change nothing) and an unreadable file keeps what was last read from it.
    /// </summary>
    private List<(SigningKey Key, string Source)>? ReadKeyFiles(bool initial)
    {
        List<string> paths = [];
        if (!string.IsNullOrEmpty(_options.KeyFile) && (initial || File.Exists(_options.KeyFile)))
        {
            paths.Add(Path.GetFullPath(_options.KeyFile));
        }

        if (!string.IsNullOrEmpty(_options.KeyDirectory))
        {
            try
            {
                paths.AddRange(Directory.EnumerateFiles(_options.KeyDirectory, "*.pem").Select(Path.GetFullPath));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                string message = $"Signing key directory '{_options.KeyDirectory}' could not be read: {ex.Message}";
                if (initial)
                {
                    throw new InvalidOperationException(message, ex);
                }

                LogKeyFileUnreadable(_logger, message);
                return null;
            }
        }

        var found = new List<(SigningKey Key, string Source, DateTime WrittenAt)>();
        foreach (string path in paths.Distinct(StringComparer.Ordinal))
        {
            if (ReadKeyFile(path, initial) is { } file)
            {
                found.AddRange(file.Keys.Select(key => (key, file.Source, file.WrittenAt)));
            }
        }

        foreach (string gone in _files.Keys.Except(paths, StringComparer.Ordinal).ToList())
        {
            _files.Remove(gone);
        }

        if (initial && found.Count == 0)
        {
            throw new InvalidOperationException($"Signing key directory '{_options.KeyDirectory}' holds no *.pem key file.");
        }

        return [.. found.OrderBy(k => k.WrittenAt).Select(k => (k.Key, k.Source))];
    }

    private KeyFile? ReadKeyFile(string path, bool initial)
    {
        _files.TryGetValue(path, out KeyFile? previous);
        try
        {
            var info = new FileInfo(path);
            if (previous is not null && previous.WrittenAt == info.LastWriteTimeUtc && previous.Length == info.Length)
            {
                return previous;
            }

            string source = $"signing key file '{path}'";
            DateTime writtenAt = info.Exists ? info.LastWriteTimeUtc : default;
            var file = new KeyFile(SigningKeyPem.ReadAll(SigningKeyPem.ReadFile(path), source), source, writtenAt, info.Exists ? info.Length : 0);
            _files[path] = file;
            return file;
        }
        catch (Exception ex) when (!initial && ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Perhaps caught mid-write; the next refresh reads it whole.
            LogKeyFileUnreadable(_logger, ex.Message);
            return previous;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping the signing keys last read: {Problem}")]
    private static partial void LogKeyFileUnreadable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-reading the signing key files failed; the keys last read stay in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    /// <summary>What one key file held when last read, and the stamp that tells whether it changed since.</summary>
    private sealed record KeyFile(IReadOnlyList<SigningKey> Keys, string Source, DateTime WrittenAt, long Length);
}
