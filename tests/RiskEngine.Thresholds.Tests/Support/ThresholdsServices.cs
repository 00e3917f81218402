using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;
using RiskEngine.Storage;
using RiskEngine.Testing;
using RiskEngine.Thresholds.Hosting;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Thresholds.Tests.Support;

/// <summary>
/// The stored thresholds as a running engine has them (the Trust options bound from configuration, the overlay, the
/// poller), on a SQLite file in a temporary directory; <see cref="OtherProcessStore"/> is a second store on the same
/// file, standing for the CLI of another process.
/// </summary>
internal sealed class ThresholdsServices : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly ServiceProvider _services;

    public ThresholdsServices(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _directory.Path,
            ["Thresholds:PollInterval"] = "00:00:00.100",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        Configuration = configuration;
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<TrustOptions>().Bind(configuration.GetSection(TrustOptions.SectionName));
        services.AddStoredThresholds(configuration);
        _services = services.BuildServiceProvider();
        OtherProcessStore = new ThresholdStore(new SqliteDialect(Path.Combine(_directory.Path, new DatabaseOptions().SqliteFileName)), TimeProvider.System);
    }

    public IConfiguration Configuration { get; }

    public IServiceProvider Services => _services;

    public ThresholdStore OtherProcessStore { get; }

    public IOptionsMonitor<TrustOptions> Trust => _services.GetRequiredService<IOptionsMonitor<TrustOptions>>();

    public StoredThresholds Stored => _services.GetRequiredService<StoredThresholds>();

    public async Task<ThresholdVersion> StoreFromOtherProcessAsync(ThresholdSettings thresholds, TrustOptions? configured = null)
    {
        await OtherProcessStore.EnsureSchemaAsync(CancellationToken.None);
        return await OtherProcessStore.SaveAsync(thresholds, configured ?? new TrustOptions(), new ThresholdChange("alice", "test"), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory.Dispose();
    }
}
