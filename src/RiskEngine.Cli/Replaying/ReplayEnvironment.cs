using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Cli.Hosting;
using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Networks;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Hosting;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.ReferenceData.Models;
using RiskEngine.Storage;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Cli.Replaying;

/// <summary>
/// What a replay takes from the engine's configuration, read and validated as <c>riskengine run</c> reads it: the
/// decoders and their options, the pipeline's limits, the trust and CAEP settings, and the reference data the
/// scoring context is loaded with (the anonymizing networks file and the activity model), so that a replay
/// predicts production exactly.
/// </summary>
internal sealed class ReplayEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ActivityModel? _activityModel;
    private readonly NetworkList _anonymizingNetworks;

    public ReplayEnvironment(EngineHostSettings settings)
    {
        var configuration = new ConfigurationManager();
        EngineHost.AddConfiguration(configuration, settings);
        _services = new ServiceCollection().AddLogging().AddRiskEngine(configuration).AddRiskEngineDatabase(configuration)
            .AddSingleton<ThresholdStore>().BuildServiceProvider();
        Configuration = configuration;
        Trust = _services.GetRequiredService<IOptions<TrustOptions>>().Value;
        Caep = _services.GetRequiredService<IOptions<CaepOptions>>().Value;
        Pipeline = _services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        Decoders = _services.GetRequiredService<SourceDecoders>();
        var models = _services.GetRequiredService<IOptions<ModelOptions>>().Value;
        _activityModel = models.ActivityModel is { Length: > 0 } model ? ModelFile.Load(Path.GetFullPath(model)) : null;
        _anonymizingNetworks = Trust.AnonymizingNetworks.File is { Length: > 0 } list ? NetworkList.Parse(File.ReadAllText(list)) : NetworkList.Empty;
    }

    public IConfiguration Configuration { get; }

    /// <summary>The configured trust settings, before any stored thresholds.</summary>
    public TrustOptions Trust { get; }

    public CaepOptions Caep { get; }

    public PipelineOptions Pipeline { get; }

    public SourceDecoders Decoders { get; }

    /// <summary>For a replay of a topic: a consumer of the configured cluster (never the embedded one, which holds nothing recorded).</summary>
    public Confluent.Kafka.ConsumerConfig CreateConsumerConfig()
    {
        var kafka = _services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        if (string.IsNullOrWhiteSpace(kafka.EffectiveBootstrapServers))
        {
            throw new InvalidDataException("replay --topic needs the cluster that holds the topic: set Kafka:BootstrapServers (or RISKENGINE_Kafka__BootstrapServers).");
        }

        return _services.GetRequiredService<KafkaConnection>().CreateConsumerConfig("riskengine-replay");
    }

    /// <summary>The configured settings with the stored thresholds version in force laid over them, as the running engine has them.</summary>
    public async Task<TrustOptions> InForceAsync(CancellationToken cancellationToken)
    {
        var store = _services.GetRequiredService<ThresholdStore>();
        await store.EnsureSchemaAsync(cancellationToken);
        if (await store.CurrentAsync(cancellationToken) is not { } current)
        {
            return Trust;
        }

        var validation = current.Thresholds.ApplyTo(Trust, current.Version);
        return validation.Applied ?? throw new InvalidDataException(
            $"The stored thresholds version {current.Version} makes no sense with the configured Trust settings: {string.Join(" ", validation.Failures)}");
    }

    public ScoringContext CreateContext(TrustOptions trust) => new(trust)
    {
        AnonymizingNetworks = _anonymizingNetworks,
        ActivityModel = _activityModel,
    };

    // The database's services dispose only asynchronously.
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
