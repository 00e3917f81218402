using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Trust;
using RiskEngine.Storage;
using RiskEngine.Thresholds.Api;
using RiskEngine.Thresholds.Hosting;
using RiskEngine.Thresholds.Storage;

namespace RiskEngine.Thresholds;

public static class ThresholdsServiceCollectionExtensions
{
    /// <summary>
    /// The stored thresholds, unless "Thresholds:Enabled" is false: the store in the analysts' database ("Database"),
    /// the version in force laid over the Trust options and polled for changes, and the admin API's services.
    /// </summary>
    public static IServiceCollection AddStoredThresholds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ThresholdsOptions.SectionName);
        services.AddOptions<ThresholdsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (!section.GetValue(nameof(ThresholdsOptions.Enabled), defaultValue: true))
        {
            return services;
        }

        services.AddRiskEngineDatabase(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ThresholdStore>();
        services.AddSingleton(new ConfiguredTrustSettings(configuration));
        services.AddSingleton<ThresholdsTokens>();
        services.AddSingleton<StoredThresholds>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredThresholds>());
        services.AddSingleton<IOptionsChangeTokenSource<TrustOptions>>(provider => provider.GetRequiredService<StoredThresholds>());
        services.AddSingleton<IPostConfigureOptions<TrustOptions>, StoredThresholdsOverlay>();
        return services;
    }
}
