using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;
using RiskEngine.Ssf.Authorization;
using RiskEngine.Ssf.Delivery.Poll;
using RiskEngine.Ssf.Delivery.Push;
using RiskEngine.Ssf.Dispatch;
using RiskEngine.Ssf.Outbox;
using RiskEngine.Ssf.Storage;
using RiskEngine.Ssf.Streams;

namespace RiskEngine.Ssf;

public static class SsfServiceCollectionExtensions
{
    /// <summary>
    /// The SSF transmitter, when the "Ssf" section enables it: its store (schema created at start), the consumer of the
    /// SET topic that fills the outbox, push delivery, the outbox depth in the engine's figures and the API's services. Needs the engine's services
    /// (<c>AddRiskEngine</c>): the Kafka connection, the SET issuer and the time provider. Without
    /// <paramref name="consumeSetTopic"/> the outbox is fed only through <see cref="SetDispatcher.DispatchAsync"/>.
    /// </summary>
    public static IServiceCollection AddSsfTransmitter(this IServiceCollection services, IConfiguration configuration, bool consumeSetTopic = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SsfOptions.SectionName);
        services.AddOptions<SsfOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SsfOptions>, SsfOptionsValidator>();
        if (!section.GetValue<bool>(nameof(SsfOptions.Enabled)))
        {
            return services;
        }

        services.AddSingleton<ISsfStore>(provider => new DapperSsfStore(provider.GetRequiredService<IOptions<SsfOptions>>().Value.Storage.CreateDialect()));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<StreamRegistry>();
        services.AddSingleton<ControlEvents>();
        services.AddSingleton<SsfAuthorization>();
        services.AddSingleton<StreamManagementApi>();
        services.AddSingleton<PollEndpoint>();
        services.AddSingleton<SetDispatcher>();
        services.AddHostedService<SsfSchemaInitializer>();
        if (consumeSetTopic)
        {
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<SecurityEventTokenWorker>(provider, provider.GetRequiredService<SetDispatcher>()));
            services.AddHostedService(provider => provider.GetRequiredService<SecurityEventTokenWorker>());
        }

        services.AddHostedService<PushDeliveryService>();
        // The engine's figures when the engine runs here too (AddRiskEngine); the outbox's own otherwise.
        services.TryAddSingleton(_ => new EngineFigures());
        services.AddHostedService<OutboxDepthMonitor>();
        return services;
    }
}
