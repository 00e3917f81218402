using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RiskEngine.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The configuration section of the analysts' database: threshold versions and the decision audit.</summary>
    public const string SectionName = "Database";

    /// <summary>
    /// The analysts' database (<see cref="DatabaseOptions"/> bound from "Database", validated at start) as the one
    /// <see cref="ISqlDialect"/> its stores share. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddRiskEngineDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.CreateDialect());
        return services;
    }
}
