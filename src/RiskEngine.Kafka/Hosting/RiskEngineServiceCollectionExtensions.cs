using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Trust;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Hosting;

public static class RiskEngineServiceCollectionExtensions
{
    public const string CaepSectionName = "Caep";
    public const string SigningSectionName = "Signing";

    /// <summary>
    /// The engine as a hosted service: options (validated at start), the signing key, the pipeline, the
    /// Kafka connection (the embedded cluster when none is configured) and the scoring worker.
    /// </summary>
    public static IServiceCollection AddRiskEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TrustOptions>().Bind(configuration.GetSection(TrustOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustOptions>, TrustOptionsValidator>();
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KafkaOptions>().Bind(configuration.GetSection(KafkaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddOptions<TopicOptions>().Bind(configuration.GetSection(TopicOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
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
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningSectionName));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISigningKeyProvider, SigningKeyProvider>();
        services.AddSingleton<SecurityEventTokenIssuer>();
        services.AddSingleton(provider => new SignInPipeline(
            provider.GetRequiredService<IOptions<PipelineOptions>>().Value,
            provider.GetRequiredService<IOptions<TrustOptions>>().Value,
            provider.GetRequiredService<SecurityEventTokenIssuer>()));
        services.AddSingleton<KafkaConnection>();
        services.AddSingleton<SignInScoringWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<SignInScoringWorker>());
        return services;
    }
}
