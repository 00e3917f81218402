using Microsoft.Extensions.Options;

namespace RiskEngine.Opa.Client;

/// <summary>
/// The bearer token sent to OPA: the first non-empty line of <see cref="OpaOptions.TokenFile"/> (re-read when
/// the file's modification time changes, so rotating it needs no restart), else the RISKENGINE_OPA_TOKEN
/// environment variable, else none (OPA without <c>--authentication=token</c>).
/// </summary>
public sealed class OpaBearerToken
{
    private readonly string? _tokenFile;
    private readonly Lock _lock = new();
    private DateTime _fileVersion;
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

        var version = File.GetLastWriteTimeUtc(_tokenFile);
        lock (_lock)
        {
            if (version != _fileVersion)
            {
                _fileToken = File.Exists(_tokenFile)
                    ? File.ReadLines(_tokenFile).Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#'))
                    : null;
                _fileVersion = version;
            }

            return _fileToken;
        }
    }
}
