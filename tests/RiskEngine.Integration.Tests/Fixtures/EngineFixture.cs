using System.Security.Cryptography;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>
/// A real engine as <c>riskengine run</c> starts it on the embedded defaults: the in-process Kafka-protocol
/// cluster on loopback, the scoring worker, and the JWKS over HTTP, with a signing key written to a
/// temporary file for the test run.
/// </summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public const string Issuer = "https://riskengine.test";
    public const string Audience = "https://pep.test";
    public const int MaxMessageBytes = 64 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-test-").FullName;
    private WebApplication? _engine;

    public EngineRecorder Recorder { get; } = new();

    public string BootstrapServers { get; private set; } = string.Empty;

    public Uri JwksUri { get; private set; } = null!;

    public TopicOptions Topics { get; } = new();

    public string SigningKeyFile => Path.Combine(_directory, "signing-key.pem");

    /// <summary>Where the shared engine's analysts' database (a SQLite file, the decision audit in it) lives.</summary>
    public string DatabaseDirectory => Path.Combine(_directory, "database");

    /// <summary>The OPA upload bearer tokens, one per line; tests rewrite it to rotate them.</summary>
    public string UploadTokenFile => Path.Combine(_directory, "opa-upload-tokens");

    public const string UploadToken = "opa-upload-token-for-tests";

    public const int MaxInflatedUploadBytes = 1024 * 1024;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>A topic that carries Okta LogEvents only, beside the default topics that detect formats per message.</summary>
    public const string OktaTopic = "riskengine.test.okta";

    /// <summary>An Okta topic for messages larger than the embedded cluster keeps beside others in a partition.</summary>
    public const string LargeMessageTopic = "riskengine.test.large";

    /// <summary>A topic that carries Istio/Envoy access log lines only.</summary>
    public const string EnvoyTopic = "riskengine.test.envoy";

    public async Task InitializeAsync()
    {
        using (var rsa = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(SigningKeyFile, rsa.ExportPkcs8PrivateKeyPem());
        }

        await File.WriteAllTextAsync(UploadTokenFile, UploadToken + "\n");

        _engine = await StartEngineAsync(bootstrapServers: string.Empty, consumerGroup: "riskengine", Recorder, new Dictionary<string, string?> { ["Database:DataDirectory"] = DatabaseDirectory });
        BootstrapServers = _engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
        JwksUri = EngineHost.JwksUri(_engine);
        BaseUri = new Uri(JwksUri, "/");
    }

    /// <summary>
    /// Starts an engine with this fixture's settings, and <paramref name="settings"/> over them; an empty bootstrap
    /// starts a new embedded cluster.
    /// </summary>
    public async Task<WebApplication> StartEngineAsync(string bootstrapServers, string consumerGroup, IEngineObserver recorder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:ConsumerGroup"] = consumerGroup,
            ["Http:Urls"] = "http://127.0.0.1:0",
            ["Signing:KeyFile"] = SigningKeyFile,
            ["Caep:Issuer"] = Issuer,
            ["Caep:Audiences:0"] = Audience,
            ["Pipeline:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpaUpload:TokenFile"] = UploadTokenFile,
            // Each engine a database of its own, so that one engine's audit never holds what another recorded.
            ["Database:DataDirectory"] = Path.Combine(_directory, "database-" + consumerGroup + "-" + Guid.NewGuid().ToString("N")),
            ["Sources:Topics:0:Topic"] = Topics.SignIns,
            ["Sources:Topics:1:Topic"] = Topics.Decisions,
            ["Sources:Topics:1:Format"] = "Opa",
            ["Sources:Topics:2:Topic"] = OktaTopic,
            ["Sources:Topics:2:Format"] = "Okta",
            ["Sources:Topics:3:Topic"] = EnvoyTopic,
            ["Sources:Topics:3:Format"] = "Envoy",
            ["Sources:Topics:4:Topic"] = LargeMessageTopic,
            ["Sources:Topics:4:Format"] = "Okta",
            ["OpaUpload:MaxInflatedBytes"] = MaxInflatedUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[name] = value;
        }

        var engine = EngineHost.Build(
            new EngineHostSettings { MinimumLogLevel = LogLevel.Warning, Overrides = overrides },
            services => services.AddSingleton<IEngineObserver>(recorder));
        await engine.StartAsync();
        await EngineHost.StagesAssigned(engine).WaitAsync(TimeSpan.FromSeconds(60));
        return engine;
    }

    public void Publish(IEnumerable<SimulatedSignIn> signIns)
    {
        using var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5 }, Topics.SignIns);
        publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
    }

    public void ProduceRaw(string? key, byte[] value) => ProduceRaw(Topics.SignIns, key, value);

    public void ProduceRaw(string topic, string? key, byte[] value, int? partition = null)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            MessageMaxBytes = 16 * 1024 * 1024,
        }).Build();
        var message = new Message<string?, byte[]> { Key = key, Value = value };
        var destination = partition is { } p ? new TopicPartition(topic, new Partition(p)) : new TopicPartition(topic, Partition.Any);
        producer.ProduceAsync(destination, message).GetAwaiter().GetResult();
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.StopAsync();
            await _engine.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
