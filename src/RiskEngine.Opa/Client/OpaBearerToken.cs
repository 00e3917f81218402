using Microsoft.Extensions.Options;

namespace RiskEngine.Opa.Client;

/// <summary>
/// The bearer token sent to OPA: the first non-empty line of <see cref="OpaOptions.TokenFile"/> (re-read when
/// the file's modification time or length changes, so rotating it needs no restart), else the RISKENGINE_OPA_TOKEN
/// environment variable, else none (OPA without <c>--authentication=token</c>). Read on every request until the file's
/// modification time is <see cref="SettleTime"/> old: a file rewritten in place is written in more than one step
/// within one tick of the kernel's clock, and a read between them would otherwise look current.
/// </summary>
public sealed class OpaBearerToken
{
    /// <summary>How long after its last modification the token file is read on every request rather than once.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(2);

    private readonly string? _tokenFile;
    private readonly Lock _lock = new();
    private (DateTime Modified, long Length) _fileVersion;
    private string? _fileToken;

    public OpaBearerToken(IOptions<OpaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokenFile = options.Value.TokenFile is { Length: > 0 } file ? file : null;
    }

    /// <summary>Where the token comes from, for error messages (never the token itself).</summary>
    public string Source => _tokenFile is { } file ? $"Opa:TokenFile ({file})" : OpaOptions.TokenEnvironmentVariable;

    public string? Current()
    {
        if (_tokenFile is null)
        {
            return Environment.GetEnvironmentVariable(OpaOptions.TokenEnvironmentVariable)?.Trim() is { Length: > 0 } token ? token : null;
        }

        var info = new FileInfo(_tokenFile);
        var version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : default;
        lock (_lock)
        {
            if (version != _fileVersion || DateTime.UtcNow - version.LastWriteTimeUtc < SettleTime)
            {
                try
                {
                    _fileToken = info.Exists
                        ? File.ReadLines(_tokenFile).Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#'))
                        : null;
                    _fileVersion = version;
                }
                catch (IOException)
                {
                    // Replaced or removed between the look and the read: the token read last stays until the next request.
                }
            }

            return _fileToken;
        }
    }
}
