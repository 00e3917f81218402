using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RiskEngine.Pep.Tokens;

/// <summary>
/// The engine's signing keys as its JWKS endpoint last published them. Fetched at start, again when a SET names a
/// key not seen yet (the engine publishes a new key before it signs with it) but at most once per
/// <see cref="PepOptions.JwksMinRefreshInterval"/>, and when the copy is older than <see cref="PepOptions.JwksMaxAge"/>.
/// Lookups are lock-free; fetches are serialised.
/// </summary>
public sealed partial class JsonWebKeyStore : IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> the store fetches with, for a host that needs to configure it (proxy, TLS).</summary>
    public const string HttpClientName = "RiskEngine.Pep.Jwks";

    private readonly IHttpClientFactory _httpClients;
    private readonly Uri _jwksUri;
    private readonly TimeSpan _minRefreshInterval;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly ILogger<JsonWebKeyStore> _logger;
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private readonly Lock _state = new();
    private IReadOnlyDictionary<string, VerificationKey> _keys = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
    private long _lastAttemptTimestamp;
    private long _lastUnknownKeyAttemptTimestamp;
    private long _lastSuccessTimestamp;
    private bool _unknownKeyAttempted;
    private bool _loaded;
    private int _fetchCount;

    public JsonWebKeyStore(IHttpClientFactory httpClients, IOptions<PepOptions> options, TimeProvider time, ILogger<JsonWebKeyStore> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        PepOptions value = options.Value;
        _httpClients = httpClients;
        _jwksUri = value.JwksUri ?? throw new ArgumentException("Pep:JwksUri is required.", nameof(options));
        _minRefreshInterval = value.JwksMinRefreshInterval;
        _maxAge = value.JwksMaxAge;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many times the JWKS has been fetched (or tried), for health checks and tests.</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <summary>Whether a fetch has succeeded: without keys no SET can be verified.</summary>
    public bool IsLoaded => Volatile.Read(ref _loaded);

    public bool TryGetKey(string kid, out VerificationKey key) => Volatile.Read(ref _keys).TryGetValue(kid, out key!);

    /// <summary>
    /// Whether a SET with an unknown <c>kid</c> may make the store fetch now: no such fetch was tried within
    /// <see cref="PepOptions.JwksMinRefreshInterval"/>. The fetch at start and the periodic one do not count, so the
    /// first SET signed with a freshly rotated key is verified at once.
    /// </summary>
    public bool CanRefreshForUnknownKey
    {
        get
        {
            lock (_state)
            {
                return !_unknownKeyAttempted || _time.GetElapsedTime(_lastUnknownKeyAttemptTimestamp) >= _minRefreshInterval;
            }
        }
    }

    /// <summary>Whether the keys are older than <see cref="PepOptions.JwksMaxAge"/> (or were never loaded).</summary>
    public bool IsStale
    {
        get
        {
            lock (_state)
            {
                return !_loaded || _time.GetElapsedTime(_lastSuccessTimestamp) >= _maxAge;
            }
        }
    }

    /// <summary>Fetches the JWKS now; returns whether it succeeded. A failure keeps the keys already known and is logged, never thrown.</summary>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken) => FetchIfAsync(permitted: () => true, cancellationToken);

    /// <summary>Fetches the JWKS for a SET whose <c>kid</c> is unknown, unless <see cref="CanRefreshForUnknownKey"/> forbids it; returns whether a fetch succeeded now.</summary>
    public Task<bool> TryRefreshForUnknownKeyAsync(CancellationToken cancellationToken) => FetchIfAsync(
        permitted: () =>
        {
            if (_unknownKeyAttempted && _time.GetElapsedTime(_lastUnknownKeyAttemptTimestamp) < _minRefreshInterval)
            {
                return false;
            }

            _unknownKeyAttempted = true;
            _lastUnknownKeyAttemptTimestamp = _time.GetTimestamp();
            return true;
        },
        cancellationToken);

    /// <summary>Fetches the JWKS when <see cref="IsStale"/>, but not sooner than the minimum interval after the last try, so an endpoint that is down is not hammered.</summary>
    public Task<bool> TryRefreshIfStaleAsync(CancellationToken cancellationToken) => FetchIfAsync(
        permitted: () => (!_loaded || _time.GetElapsedTime(_lastSuccessTimestamp) >= _maxAge)
            && _time.GetElapsedTime(_lastAttemptTimestamp) >= _minRefreshInterval,
        cancellationToken);

    public void Dispose() => _fetchGate.Dispose();

    private async Task<bool> FetchIfAsync(Func<bool> permitted, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_state)
            {
                if (!permitted())
                {
                    return false;
                }

                _lastAttemptTimestamp = _time.GetTimestamp();
            }

            Interlocked.Increment(ref _fetchCount);
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private async Task<bool> FetchAsync(CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            using HttpClient client = _httpClients.CreateClient(HttpClientName);
            using HttpResponseMessage response = await client.GetAsync(_jwksUri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(_logger, _jwksUri, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                return false;
            }

            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogFetchFailed(_logger, _jwksUri, ex.Message);
            return false;
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(_logger, _jwksUri, $"timed out: {ex.Message}");
            return false;
        }

        var skipped = new List<string>();
        Dictionary<string, VerificationKey> keys;
        try
        {
            keys = JsonWebKeySetReader.Read(body, skipped);
        }
        catch (FormatException ex)
        {
            LogFetchFailed(_logger, _jwksUri, ex.Message);
            return false;
        }

        foreach (string reason in skipped)
        {
            LogKeySkipped(_logger, _jwksUri, reason);
        }

        Volatile.Write(ref _keys, keys);
        lock (_state)
        {
            _lastSuccessTimestamp = _time.GetTimestamp();
            _loaded = true;
        }

        string kids = string.Join(", ", keys.Keys);
        LogFetched(_logger, keys.Count, _jwksUri, kids);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} SET verification keys from {JwksUri}: {Kids}")]
    private static partial void LogFetched(ILogger logger, int count, Uri jwksUri, string kids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the JWKS from {JwksUri}: {Reason}; keeping the keys already known")]
    private static partial void LogFetchFailed(ILogger logger, Uri jwksUri, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a key of the JWKS at {JwksUri}: {Reason}")]
    private static partial void LogKeySkipped(ILogger logger, Uri jwksUri, string reason);
}
