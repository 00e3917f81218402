using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RiskEngine.Functions.Hosting;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Hosting;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Functions.Tests.Fixtures;

/// <summary>
/// The deployment the README recommends, in one process on loopback: the custom handler (real Kestrel on port 0,
/// its embedded Kafka cluster) decoding onto the identity-keyed events topic, and an engine running only the scoring
/// stage (<c>Engine:Stages</c> = <c>Score</c>) on the same cluster, which issues the SETs.
/// </summary>
public sealed class FunctionsFixture : IAsyncLifetime
{
    public const string Issuer = "https://riskengine.test";

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-functions-test-").FullName;
    private WebApplication? _handler;
    private IHost? _scoring;

    internal SetRecorder Sets { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string BootstrapServers { get; private set; } = string.Empty;

    public TopicOptions Topics { get; } = new();

    public string DeadLetterDirectory => Path.Combine(_directory, "dead-letter");

    public async Task InitializeAsync()
    {
        var signingKey = Path.Combine(_directory, "signing-key.pem");
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(signingKey, rsa.ExportPkcs8PrivateKeyPem());
        }

        _handler = StartHandler(new Dictionary<string, string?>(), DeadLetterDirectory);
        await _handler.StartAsync();
        BootstrapServers = _handler.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
        Client = new HttpClient { BaseAddress = FunctionsHost.BaseUri(_handler) };

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = BootstrapServers,
            ["Kafka:ConsumerGroup"] = "riskengine-functions-test",
            ["Engine:Stages"] = "Score",
            ["Signing:KeyFile"] = signingKey,
            ["Caep:Issuer"] = Issuer,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRiskEngine(builder.Configuration);
        builder.Services.AddSingleton<IEngineObserver>(Sets);
        _scoring = builder.Build();
        await _scoring.StartAsync();
        await _scoring.Services.GetRequiredService<ScoringWorker>().PartitionsAssigned.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>A handler on loopback port 0 with <paramref name="settings"/>; an empty Kafka:BootstrapServers starts an embedded cluster.</summary>
    public static WebApplication StartHandler(Dictionary<string, string?> settings, string deadLetterDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Functions:Urls"] = "http://127.0.0.1:0";
        settings["Functions:DeadLetterDirectory"] = deadLetterDirectory;
        settings.TryAdd("Kafka:BootstrapServers", string.Empty);
        settings.TryAdd("Functions:DeliveryTimeout", TimeSpan.FromSeconds(20).ToString("c", CultureInfo.InvariantCulture));
        return FunctionsHost.Build(settings, LogLevel.Warning);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_scoring is not null)
        {
            await _scoring.StopAsync();
            _scoring.Dispose();
        }

        if (_handler is not null)
        {
            await _handler.StopAsync();
            await _handler.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
