using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Opa.Client;
using RiskEngine.Opa.Mirror;
using RiskEngine.Opa.Tests.Peers;

namespace RiskEngine.Opa.Tests.Mirror;

/// <summary>A <see cref="RevocationMirror"/> pointed at a stand-in, its loop running until disposed.</summary>
public sealed class RunningMirror : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly OpaDataClient _client;
    private readonly string _tokenFile;
    private Task? _loop;

    public RunningMirror(OpaStandIn standIn, Action<OpaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(standIn);
        _tokenFile = Path.GetTempFileName();
        File.WriteAllText(_tokenFile, standIn.Token + "\n");
        var options = new OpaOptions
        {
            BaseUrl = standIn.BaseUrl,
            TokenFile = _tokenFile,
            RequestTimeout = TimeSpan.FromSeconds(2),
            MaxAttempts = 2,
            RetryInitialDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            ConsistencyCheckInterval = TimeSpan.FromHours(1),
        };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        _client = new OpaDataClient(wrapped, new OpaBearerToken(wrapped), NullLogger<OpaDataClient>.Instance);
        Mirror = new RevocationMirror(_client, wrapped, TimeProvider.System, NullLogger<RevocationMirror>.Instance);
    }

    public RevocationMirror Mirror { get; }

    public void Start() => _loop = Mirror.RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _client.Dispose();
        _stop.Dispose();
        File.Delete(_tokenFile);
    }
}
