using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Functions.DeadLetters;
using RiskEngine.Functions.Invocation;
using RiskEngine.Http.Logging;
using RiskEngine.Kafka.Batches;
using RiskEngine.Kafka.Hosting;

namespace RiskEngine.Functions.Hosting;

/// <summary>
/// The custom handler as the Functions host starts it: it listens on loopback at the port the host gives it in
/// <see cref="PortVariable"/>, takes its settings from RISKENGINE_* environment variables (the function app's
/// application settings, e.g. RISKENGINE_Kafka__EventHubs__Namespace) and answers <c>POST /&lt;function&gt;</c>.
/// </summary>
public static class FunctionsHost
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <param name="overrides">Settings over the environment's (tests: <c>Functions:Urls</c> = http://127.0.0.1:0).</param>
    public static WebApplication Build(IReadOnlyDictionary<string, string?>? overrides = null, LogLevel minimumLogLevel = LogLevel.Information)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddEnvironmentVariables("RISKENGINE_");
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        var port = Environment.GetEnvironmentVariable(PortVariable);
        builder.WebHost.UseUrls(LoopbackOnly(builder.Configuration["Functions:Urls"] ?? $"http://127.0.0.1:{(string.IsNullOrEmpty(port) ? "7072" : port)}"));

        builder.Logging.ClearProviders();
        builder.Logging.AddSafeConsole();
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        builder.Services.AddRiskEngineDecoding(builder.Configuration);
        builder.Services.AddOptions<FunctionsOptions>().Bind(builder.Configuration.GetSection(FunctionsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FunctionsOptions>, FunctionsOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DecodeBatchPublisher>();
        builder.Services.AddSingleton<FileDeadLetterStore>();
        builder.Services.AddSingleton<EventHubBatchHandler>();

        var app = builder.Build();
        // Connect (or start the embedded cluster) now, so that a missing librdkafka or a bad setting stops the
        // handler at start, where the Functions host reports it, rather than at the first batch.
        app.Services.GetRequiredService<DecodeBatchPublisher>();
        app.MapPost("/{function}", (HttpContext context, string function, EventHubBatchHandler handler) => handler.HandleAsync(context, function));
        // Healthy until a batch fails to reach Kafka, and again once one gets through.
        app.MapGet("/healthz", (DecodeBatchPublisher publisher) => publisher.LastFailure is { } failure
            ? Results.Text($"unhealthy: the last batch did not get through: {failure}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("healthy\n"));
        return app;
    }

    /// <summary>
    /// <paramref name="urls"/> when every one is on loopback. The invocation endpoint has no authentication of its own:
    /// only the Functions host, on the same machine, may call it, so listening anywhere else is refused at start.
    /// </summary>
    public static string LoopbackOnly(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || !(uri.IsLoopback && (uri.HostNameType != UriHostNameType.Dns || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))))
            {
                throw new InvalidOperationException(
                    $"Functions:Urls '{url}' is not a loopback address: the custom handler has no authentication of its own and must listen on 127.0.0.1, [::1] or localhost only.");
            }
        }

        return urls;
    }

    /// <summary>The address the started handler really listens on (port 0 in configuration means any free port).</summary>
    public static Uri BaseUri(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
