using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Subscription;
using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Hosting;

public static class PepServiceCollectionExtensions
{
    /// <summary>
    /// The PEP: options bound from <paramref name="configuration"/> (the "Pep" section) and validated at start, the
    /// JWKS store, the verifier, the revoked set and the subscriber that fills it. Then put
    /// <see cref="PepApplicationBuilderExtensions.UseRevocationEnforcement"/> after <c>UseAuthentication()</c>.
    /// </summary>
    public static PepBuilder AddRiskEnginePep(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        PepBuilder builder = services.AddRiskEnginePep();
        builder.Options.Bind(configuration);
        return builder;
    }

    /// <summary>The PEP, configured in code.</summary>
    public static PepBuilder AddRiskEnginePep(this IServiceCollection services, Action<PepOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddRiskEnginePep().Configure(configure);
    }

    private static PepBuilder AddRiskEnginePep(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new PepBuilder(services);
        builder.Options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PepOptions>, PepOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpClient(JsonWebKeyStore.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton<PepMetrics>();
        services.TryAddSingleton<JsonWebKeyStore>();
        services.TryAddSingleton<SecurityEventTokenVerifier>();
        services.TryAddSingleton<RevokedSet>();
        services.TryAddSingleton<PrincipalRevocationMatcher>();
        services.TryAddSingleton<RevocationSubscriber>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RevocationSubscriber>(provider => provider.GetRequiredService<RevocationSubscriber>()));
        return builder;
    }
}
