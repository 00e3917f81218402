using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RiskEngine.Opa.Client;
using RiskEngine.Opa.Mirror;

namespace RiskEngine.Opa.Hosting;

public static class OpaServiceCollectionExtensions
{
    /// <summary>
    /// The OPA revocation mirror and the hosted service running it, configured by the "Opa" section (validated at
    /// start). Nothing is added when <c>Opa:BaseUrl</c> is unset: the mirror is off. Whoever feeds the mirror
    /// resolves <see cref="RevocationMirror"/> and calls its <c>ReplaceAll</c>, <c>Apply</c> and <c>Remove</c>.
    /// </summary>
    public static IServiceCollection AddOpaMirror(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OpaOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(OpaOptions.BaseUrl)]))
        {
            return services;
        }

        services.AddOptions<OpaOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpaOptions>, OpaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OpaBearerToken>();
        services.AddSingleton<OpaDataClient>();
        services.AddSingleton<RevocationMirror>();
        services.AddHostedService<OpaMirrorService>();
        return services;
    }
}
