using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Audit;
using RiskEngine.Caep.Signing;
using RiskEngine.Http.BlastRadius;
using RiskEngine.Http.Logging;
using RiskEngine.Http.Observability;
using RiskEngine.Http.OpaUpload;
using Microsoft.Extensions.Hosting;
using RiskEngine.Kafka.Hosting;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;
using RiskEngine.Opa.Mirror;
using RiskEngine.Ssf;
using RiskEngine.Thresholds;
using RiskEngine.Thresholds.Api;

namespace RiskEngine.Cli.Hosting;

/// <summary>
/// The engine as every command runs it: configuration from ./riskengine.json, an optional file, RISKENGINE_*
/// environment variables (RISKENGINE_Kafka__BootstrapServers) and command-line overrides; the engine's stages;
/// the OPA revocation mirror when Opa:BaseUrl is set; and an HTTP listener publishing the JWKS verifiers need,
/// taking OPA's decision-log uploads, confirming a tripped blast-radius guard (/admin/blast-radius), answering probes (/healthz) and reporting
/// the engine's figures (/status) and, when the "Ssf"
/// section enables it, serving the SSF transmitter; and, unless
/// Audit:Enabled is false, recording every SET in the decision audit (the "Database" section's store). The two files
/// are watched: a change to the "Trust" section (thresholds, weights, recovery) applies without a restart.
/// </summary>
public static class EngineHost
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string DefaultUrls = "http://127.0.0.1:8088";

    public static WebApplication Build(EngineHostSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        AddConfiguration(builder.Configuration, settings);
        builder.WebHost.UseUrls(builder.Configuration["Http:Urls"] ?? DefaultUrls);

        builder.Logging.ClearProviders();
        builder.Logging.AddSafeConsole();
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        builder.Services.AddRiskEngine(builder.Configuration);
        builder.Services.AddOpaDecisionLogUpload(builder.Configuration);
        builder.Services.AddOpaEnforcement(builder.Configuration);
        builder.Services.AddSsfTransmitter(builder.Configuration);
        builder.Services.AddDecisionAudit(builder.Configuration);
        builder.Services.AddStoredThresholds(builder.Configuration);
        builder.Services.AddBlastRadiusApi(builder.Configuration);
        builder.Services.AddEngineStatus(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (app.Services.GetService<RevocationMirror>() is { } mirror)
        {
            app.Services.GetRequiredService<EngineFigures>().ObserveOpaUnconfirmed(() => mirror.Unconfirmed);
        }

        app.MapGet(JwksPath, (ISigningKeyProvider keys) =>
            Results.Text(JsonWebKeySet.Write(keys.PublishedKeys), "application/jwk-set+json"));
        app.MapEngineObservability();
        app.MapOpaDecisionLogUpload();
        app.MapSsfTransmitter(JwksPath);
        app.MapThresholdsApi();
        app.MapBlastRadiusApi();
        return app;
    }

    /// <summary>
    /// The configuration every command reads, lowest first: ./riskengine.json, the settings' file, RISKENGINE_*
    /// environment variables and the settings' overrides. The files are watched for changes.
    /// </summary>
    public static void AddConfiguration(IConfigurationBuilder configuration, EngineHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        configuration.AddJsonFile(Path.Combine(Environment.CurrentDirectory, "riskengine.json"), optional: true, reloadOnChange: true);
        if (settings.ConfigFile is { } file)
        {
            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: true);
        }

        configuration.AddEnvironmentVariables("RISKENGINE_");
        configuration.AddInMemoryCollection(settings.Overrides);
    }

    /// <summary>Completes when every stage this host runs has been assigned its partitions.</summary>
    public static Task StagesAssigned(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Task.WhenAll(app.Services.GetServices<IHostedService>().OfType<StageWorker>().Select(stage => stage.PartitionsAssigned));
    }

    /// <summary>The JWKS address the started host really listens on (port 0 in configuration means any free port).</summary>
    public static Uri JwksUri(WebApplication app) => new(ListenAddress(app), JwksPath);

    /// <summary>The first address a started web application really listens on.</summary>
    public static Uri ListenAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
