using Microsoft.Extensions.Options;
using RiskEngine.Files;

namespace RiskEngine.Opa.Client;

/// <summary>
/// The bearer token sent to OPA: the first line of <see cref="OpaOptions.TokenFile"/> that is neither blank nor a
/// '#' comment (read again when the file changes, so rotating it needs no restart; see <see cref="WatchedFile{T}"/>),
/// else the RISKENGINE_OPA_TOKEN environment variable, else none (OPA without <c>--authentication=token</c>).
/// </summary>
public sealed class OpaBearerToken
{
    private readonly WatchedFile<string?>? _tokenFile;

    public OpaBearerToken(IOptions<OpaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tokenFile = options.Value.TokenFile is { Length: > 0 } file
            ? new WatchedFile<string?>(file, path => File.ReadLines(path).Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#')), null)
            : null;
    }

    /// <summary>Where the token comes from, for error messages (never the token itself).</summary>
    public string Source => _tokenFile is { } file ? $"Opa:TokenFile ({file.Path})" : OpaOptions.TokenEnvironmentVariable;

    public string? Current() => _tokenFile is { } file
        ? file.Current
        : Environment.GetEnvironmentVariable(OpaOptions.TokenEnvironmentVariable)?.Trim() is { Length: > 0 } token ? token : null;
}
