using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Trust;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Kafka.BlastRadius;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.BlastRadius;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.ReferenceData.Hosting;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;
using RiskEngine.Sources.Mesh;
using RiskEngine.Sources.Okta;
using RiskEngine.Sources.Opa;
using RiskEngine.Storage;

namespace RiskEngine.Kafka.Hosting;

public static class RiskEngineServiceCollectionExtensions
{
    public const string CaepSectionName = "Caep";
    public const string SigningSectionName = "Signing";

    /// <summary>
    /// The engine as hosted services: options (validated at start), the signing key, the decoders, the Kafka
    /// connection (the embedded cluster when none is configured), and the decode and scoring stages that
    /// <see cref="EngineOptions.Stages"/> selects.
    /// </summary>
    public static IServiceCollection AddRiskEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Reloaded when the configuration changes (riskengine run watches its files); see TrustOptionsReloadValidator.
        var trust = configuration.GetSection(TrustOptions.SectionName);
        services.AddOptions<TrustOptions>().Bind(trust).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustOptions>>(provider =>
            new TrustOptionsReloadValidator(trust, provider.GetRequiredService<ILogger<TrustOptionsReloadValidator>>()));
        services.AddReferenceData(configuration);
        services.AddRiskEngineDecoding(configuration);
        // The binder appends to a list's defaults, so configured audiences would join the default one instead of replacing it.
        services.AddOptions<CaepOptions>()
            .Configure(caep => caep.Audiences.Clear())
            .Bind(configuration.GetSection(CaepSectionName))
            .PostConfigure(caep =>
            {
                if (caep.Audiences.Count == 0)
                {
                    caep.Audiences.Add(CaepOptions.DefaultAudience);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CaepOptions>, CaepOptionsValidator>();
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningSectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISigningKeyProvider, SigningKeyProvider>();
        services.AddSingleton<SecurityEventTokenIssuer>();
        // One for the instance: its scoring stages share it, and the admin API confirms it (Trust:BlastRadius, read at start).
        services.AddSingleton(provider => new BlastRadiusGuard(provider.GetRequiredService<IOptionsMonitor<TrustOptions>>().CurrentValue.BlastRadius));

        services.AddSingleton<EventsTopicProgress>();
        var stages = configuration.GetSection(EngineOptions.SectionName).Get<EngineOptions>()?.Stages ?? EngineStages.All;
        if (stages.HasFlag(EngineStages.Decode))
        {
            services.AddOptions<BackpressureOptions>().Bind(configuration.GetSection(BackpressureOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<ScoringBacklog>();
            services.AddHostedService(provider => provider.GetRequiredService<ScoringBacklog>());
            services.AddSingleton<DecodeWorker>();
            services.AddHostedService(provider => provider.GetRequiredService<DecodeWorker>());
        }

        if (stages.HasFlag(EngineStages.Score))
        {
            services.AddRiskEngineDatabase(configuration);
            var checkpoints = configuration.GetSection(CheckpointOptions.SectionName);
            services.AddOptions<CheckpointOptions>().Bind(checkpoints).ValidateDataAnnotations().ValidateOnStart();
            if (checkpoints.GetValue(nameof(CheckpointOptions.Enabled), defaultValue: true))
            {
                services.AddSingleton(provider => new IdentityCheckpointStore(provider.GetRequiredService<ISqlDialect>(), provider.GetRequiredService<TimeProvider>()));
            }

            // Registered before the scoring worker, so a stored trip holds revocations before the first event is scored.
            services.AddSingleton(provider => new BlastRadiusTripStore(provider.GetRequiredService<ISqlDialect>(), provider.GetRequiredService<TimeProvider>()));
            services.AddHostedService<BlastRadiusTripSync>();

            services.AddSingleton<ScoringWorker>();
            services.AddHostedService(provider => provider.GetRequiredService<ScoringWorker>());
        }

        return services;
    }

    /// <summary>
    /// What decoding needs and nothing more, for hosts that decode without scoring (the Azure Functions handler):
    /// the Pipeline, Kafka, Topics and Sources options (validated at start), the decoders, the engine's figures and meter
    /// (exported over OTLP when "Telemetry" enables it) and the Kafka connection (the embedded cluster when none is configured). <see cref="AddRiskEngine"/> includes it.
    /// </summary>
    public static IServiceCollection AddRiskEngineDecoding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddOptions<TopicOptions>().Bind(configuration.GetSection(TopicOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        // Configured principal fields replace the defaults rather than join them (the binder appends to lists).
        services.AddOptions<SourcesOptions>()
            .Configure(sources =>
            {
                sources.Envoy.SourcePrincipalFields = [];
                sources.Envoy.DestinationPrincipalFields = [];
            })
            .Bind(configuration.GetSection(SourcesOptions.SectionName))
            .PostConfigure(sources =>
            {
                var defaults = new EnvoyAccessLogOptions();
                if (sources.Envoy.SourcePrincipalFields.Count == 0)
                {
                    sources.Envoy.SourcePrincipalFields = defaults.SourcePrincipalFields;
                }

                if (sources.Envoy.DestinationPrincipalFields.Count == 0)
                {
                    sources.Envoy.DestinationPrincipalFields = defaults.DestinationPrincipalFields;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>();
        services.AddSingleton<IEventDecoder, EntraSignInDecoder>();
        services.AddSingleton<IEventDecoder, OktaLogEventDecoder>();
        services.AddSingleton<IEventDecoder>(provider => new EnvoyAccessLogDecoder(provider.GetRequiredService<IOptions<SourcesOptions>>().Value.Envoy));
        services.AddSingleton<IEventDecoder, LinkerdAccessLogDecoder>();
        services.AddSingleton<IEventDecoder>(provider => new OpaDecisionLogDecoder(provider.GetRequiredService<IOptions<SourcesOptions>>().Value.Opa));
        services.AddSingleton(provider => new SourceDecoders(provider.GetServices<IEventDecoder>()));
        services.AddMetrics();
        services.AddSingleton(provider => new EngineFigures(() => provider.GetServices<IHostedService>().OfType<StageWorker>()));
        services.AddSingleton<EngineMetrics>();
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddHostedService<OtlpTelemetry>();
        services.AddSingleton<KafkaConnection>();
        return services;
    }
}
