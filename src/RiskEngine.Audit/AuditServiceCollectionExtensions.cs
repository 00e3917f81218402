using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RiskEngine.Audit.Recording;
using RiskEngine.Audit.Storage;
using RiskEngine.Kafka.Worker;
using RiskEngine.Storage;

namespace RiskEngine.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The decision audit, unless <c>Audit:Enabled</c> is false: its store in the analysts' database
    /// (<c>AddRiskEngineDatabase</c>), its table created at start, and a consumer of the SET topic that records every
    /// SET. Needs the engine's services (<c>AddRiskEngine</c>): the Kafka connection and the time provider.
    /// </summary>
    public static IServiceCollection AddDecisionAudit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AuditOptions.SectionName);
        services.AddOptions<AuditOptions>().Bind(section);
        if (!section.GetValue(nameof(AuditOptions.Enabled), defaultValue: true))
        {
            return services;
        }

        services.AddRiskEngineDatabase(configuration);
        services.AddSingleton(provider => new DecisionAuditStore(provider.GetRequiredService<ISqlDialect>()));
        services.AddHostedService<AuditSchemaInitializer>();
        services.AddSingleton<DecisionAuditRecorder>();

        // Added as it is, not through AddHostedService, which keeps one hosted service per type and would take this
        // consumer for the SSF transmitter's, also a SecurityEventTokenWorker.
        services.AddSingleton<IHostedService>(provider =>
            ActivatorUtilities.CreateInstance<SecurityEventTokenWorker>(provider, provider.GetRequiredService<DecisionAuditRecorder>()));
        return services;
    }
}
