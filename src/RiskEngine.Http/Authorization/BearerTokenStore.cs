using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using RiskEngine.Files;

namespace RiskEngine.Http.Authorization;

/// <summary>
/// Bearer tokens a caller must present, with the scopes each grants. Read from a token file (one token per line,
/// then the scopes it grants separated by spaces; blank lines and lines starting with '#' are skipped; read again
/// when it changes, so rotating needs no restart; see <see cref="WatchedFile{T}"/>) and from an environment variable
/// holding one such line. Tokens are kept and compared as SHA-256 hashes, in constant time.
/// </summary>
public sealed class BearerTokenStore
{
    private const string Scheme = "Bearer ";

    private readonly WatchedFile<StoredToken[]>? _tokenFile;
    private readonly string _environmentVariable;

    public BearerTokenStore(string? tokenFile, string environmentVariable)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentVariable);
        _tokenFile = tokenFile is { Length: > 0 }
            ? new WatchedFile<StoredToken[]>(tokenFile, path => [.. File.ReadAllLines(path).Select(StoredToken.Parse).OfType<StoredToken>()], [])
            : null;
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
        return [.. fromEnvironment, .. _tokenFile?.Current ?? []];
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
