using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.ReferenceData.Models;

namespace RiskEngine.ReferenceData.Hosting;

public static class ReferenceDataServiceCollectionExtensions
{
    /// <summary>
    /// The scoring context (sized by the Trust options) and the files that feed it: models and the anonymizing
    /// networks. Call before the stages are added: hosted services start in the order they were added, and the
    /// files must be in force before the first event is scored.
    /// </summary>
    public static IServiceCollection AddReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new ScoringContext(provider.GetRequiredService<IOptions<TrustOptions>>().Value));
        services.AddSingleton<ReferenceDataFiles>();
        services.AddHostedService(provider => provider.GetRequiredService<ReferenceDataFiles>());
        services.AddSingleton<AnonymizingNetworksFile>();
        services.AddHostedService(provider => provider.GetRequiredService<AnonymizingNetworksFile>());
        return services;
    }
}
