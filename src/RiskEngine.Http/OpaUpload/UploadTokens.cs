using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RiskEngine.Http.OpaUpload;

/// <summary>
/// The bearer tokens OPAs must present. Read from the token file (re-read when its modification time
/// changes, so rotating needs no restart) and the environment; compared in constant time.
/// </summary>
public sealed class UploadTokens
{
    private readonly OpaUploadOptions _options;
    private readonly Lock _lock = new();
    private DateTime _fileVersion;
    private byte[][] _fileTokenHashes = [];

    public UploadTokens(IOptions<OpaUploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>Whether any token is configured at all; without one every upload is refused.</summary>
    public bool AnyConfigured => CurrentHashes().Length > 0;

    public bool IsValid(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the token.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var valid = false;
        foreach (var token in CurrentHashes())
        {
            valid |= CryptographicOperations.FixedTimeEquals(hash, token);
        }

        return valid;
    }

    private byte[][] CurrentHashes()
    {
        var environment = Environment.GetEnvironmentVariable(OpaUploadOptions.TokenEnvironmentVariable);
        var fromEnvironment = string.IsNullOrWhiteSpace(environment) ? [] : new[] { SHA256.HashData(Encoding.UTF8.GetBytes(environment.Trim())) };
        return [.. fromEnvironment, .. FileTokenHashes()];
    }

    private byte[][] FileTokenHashes()
    {
        if (_options.TokenFile is not { Length: > 0 } file || !File.Exists(file))
        {
            return [];
        }

        var version = File.GetLastWriteTimeUtc(file);
        lock (_lock)
        {
            if (version != _fileVersion)
            {
                _fileTokenHashes = File.ReadAllLines(file)
                    .Select(line => line.Trim())
                    .Where(line => line.Length > 0 && !line.StartsWith('#'))
                    .Select(line => SHA256.HashData(Encoding.UTF8.GetBytes(line)))
                    .ToArray();
                _fileVersion = version;
            }

            return _fileTokenHashes;
        }
    }
}
