using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Core.Signals;
using RiskEngine.ReferenceData.Models;

namespace RiskEngine.ReferenceData.Hosting;

public static class ReferenceDataServiceCollectionExtensions
{
    /// <summary>
    /// The scoring context and the files that feed it. Call before the stages are added: hosted services start in
    /// the order they were added, and the model must be in force before the first event is scored.
    /// </summary>
    public static IServiceCollection AddReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ScoringContext>();
        services.AddSingleton<ReferenceDataFiles>();
        services.AddHostedService(provider => provider.GetRequiredService<ReferenceDataFiles>());
        return services;
    }
}
