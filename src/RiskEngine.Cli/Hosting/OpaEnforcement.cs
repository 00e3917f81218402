using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Kafka;
using RiskEngine.Opa;
using RiskEngine.Opa.Hosting;
using RiskEngine.Opa.Mirror;
using RiskEngine.Pep;
using RiskEngine.Pep.Hosting;

namespace RiskEngine.Cli.Hosting;

/// <summary>
/// OPA as a PEP inside the engine host: the OPA mirror, fed by an in-process PEP SDK subscriber of the SET topic.
/// The PEP's settings ("Pep" section) default to the engine's own: its Kafka connection (the embedded cluster
/// included), SET topic, issuer, first audience and JWKS at <c>Http:Urls</c>.
/// </summary>
internal static class OpaEnforcement
{
    public static IServiceCollection AddOpaEnforcement(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{OpaOptions.SectionName}:{nameof(OpaOptions.BaseUrl)}"]))
        {
            return services;
        }

        services.AddOpaMirror(configuration);
        var pepSection = configuration.GetSection(PepOptions.SectionName);
        var pep = services.AddRiskEnginePep(pepSection);
        if (!pepSection.GetSection(nameof(PepOptions.Kafka)).Exists())
        {
            pep.Options.Configure(options => configuration.GetSection(KafkaOptions.SectionName).Bind(options.Kafka));
        }

        pep.Options.PostConfigure<KafkaConnection, IOptions<TopicOptions>, IOptions<CaepOptions>>((options, connection, topics, caep) =>
        {
            if (string.IsNullOrWhiteSpace(options.Kafka.EffectiveBootstrapServers))
            {
                options.Kafka.BootstrapServers = connection.BootstrapServers;
            }

            if (pepSection[nameof(PepOptions.Topic)] is null)
            {
                options.Topic = topics.Value.Revocations;
            }

            options.Issuer = string.IsNullOrEmpty(options.Issuer) ? caep.Value.Issuer : options.Issuer;
            options.Audience = string.IsNullOrEmpty(options.Audience) ? caep.Value.Audiences[0] : options.Audience;
            options.JwksUri ??= OwnJwksUri(configuration);
        });
        services.AddSingleton<IRevocationFeed, PepRevocationFeed>();
        return services;
    }

    // Port 0 ("any free port") cannot be known before the server starts, so such a host must set Pep:JwksUri. A
    // wildcard listener (http://+:8088, http://*:8088, 0.0.0.0, [::]) is reached on loopback from inside the host.
    private static Uri? OwnJwksUri(IConfiguration configuration)
    {
        var urls = configuration["Http:Urls"] ?? EngineHost.DefaultUrls;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        foreach (var wildcard in (string[])["://+:", "://*:", "://0.0.0.0:", "://[::]:"])
        {
            first = first.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        }

        return Uri.TryCreate(first, UriKind.Absolute, out var listener) && listener.Port != 0 ? new Uri(listener, EngineHost.JwksPath) : null;
    }
}
