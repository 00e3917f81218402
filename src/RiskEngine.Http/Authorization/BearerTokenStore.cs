using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RiskEngine.Http.Authorization;

/// <summary>
/// Bearer tokens a caller must present, with the scopes each grants. Read from a token file (one token per line,
/// then the scopes it grants separated by spaces; blank lines and lines starting with '#' are skipped; re-read
/// when its modification time or length changes, so rotating needs no restart) and from an environment variable holding one
/// such line. Tokens are kept and compared as SHA-256 hashes, in constant time.
/// </summary>
/// <remarks>
/// A file rewritten in place is written in more than one step, and its modification time only moves with the
/// kernel's clock tick, so a read between two writes of one tick would look current until the next change. The file
/// is therefore read again on every request until its modification time is <see cref="SettleTime"/> old.
/// </remarks>
public sealed class BearerTokenStore
{
    private const string Scheme = "Bearer ";

    /// <summary>How long after its last modification a token file is read on every request rather than once.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    private readonly string? _tokenFile;
    private readonly string _environmentVariable;
    private readonly Lock _lock = new();
    private (DateTime Modified, long Length) _fileVersion;
    private StoredToken[] _fileTokens = [];

    public BearerTokenStore(string? tokenFile, string environmentVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentVariable);
        _tokenFile = tokenFile;
        _environmentVariable = environmentVariable;
    }

    /// <summary>Whether any token is configured at all; without one every request is refused.</summary>
    public bool AnyConfigured => CurrentTokens().Length > 0;

    /// <summary>The scopes the presented token grants, or null when it is not one of the configured tokens.</summary>
    public IReadOnlySet<string>? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the token.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        IReadOnlySet<string>? granted = null;
        foreach (var token in CurrentTokens())
        {
            if (CryptographicOperations.FixedTimeEquals(hash, token.Hash))
            {
                granted ??= token.Scopes;
            }
        }

        return granted;
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header (RFC 6750 §2.1), or null.</summary>
    public static string? FromAuthorizationHeader(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : null;
    }

    private StoredToken[] CurrentTokens()
    {
        var environment = Environment.GetEnvironmentVariable(_environmentVariable);
        StoredToken[] fromEnvironment = StoredToken.Parse(environment) is { } token ? [token] : [];
        return [.. fromEnvironment, .. FileTokens()];
    }

    private StoredToken[] FileTokens()
    {
        if (_tokenFile is not { Length: > 0 } file || !File.Exists(file))
        {
            return [];
        }

        var info = new FileInfo(file);
        var version = (info.LastWriteTimeUtc, info.Length);
        lock (_lock)
        {
            if (version != _fileVersion || DateTime.UtcNow - version.LastWriteTimeUtc < SettleTime)
            {
                try
                {
                    _fileTokens = [.. File.ReadAllLines(file).Select(StoredToken.Parse).OfType<StoredToken>()];
                    _fileVersion = version;
                }
                catch (IOException)
                {
                    // Replaced or removed between the look and the read: the tokens read last stay until the next request.
                }
            }

            return _fileTokens;
        }
    }

    private sealed record StoredToken(byte[] Hash, IReadOnlySet<string> Scopes)
    {
        public static StoredToken? Parse(string? line)
        {
            var fields = line?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                return null;
            }

            return new StoredToken(SHA256.HashData(Encoding.UTF8.GetBytes(fields[0])), fields[1..].ToHashSet(StringComparer.Ordinal));
        }
    }
}
