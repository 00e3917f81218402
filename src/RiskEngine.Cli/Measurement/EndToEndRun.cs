using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RiskEngine.Cli.Demo;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// The whole path on the embedded defaults, as <c>demo</c> and <c>measure</c> run it: start the engine,
/// subscribe a PEP-like probe to the SET topic, publish simulated sign-ins at a steady rate, and
/// time each takeover's sign-in until its SET arrives, beside the cluster's raw round trip.
/// </summary>
public sealed class EndToEndRun : IAsyncDisposable
{
    private const string RoundTripTopic = "riskengine.latency-probe";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    // Sign-ins arrive as a log shipper sends them: what gathered in a few milliseconds, one batch a partition. Sent one
    // request each, they kept the embedded broker's thread at 0.6 of a core at 10,000/s, against 0.45 in batches: it walks
    // a partition's batches from the oldest to serve each fetch, so more, smaller batches cost it twice, in walks and in length. The wait
    // is inside every latency measured, which starts when a sign-in is handed to the producer.
    private const int SourceLingerMs = 5;

    // Fresh consumers resolve their start positions partition by partition; round trips taken meanwhile
    // measure that start-up, not the cluster, so the probe runs this long before anything is recorded.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    private readonly WebApplication _engine;
    private readonly KafkaConnection _connection;
    private readonly TopicOptions _topics;
    private readonly RevocationLatencyProbe _revocations;
    private readonly KafkaRoundTripProbe _roundTrip;

    private EndToEndRun(WebApplication engine, DemoConsole console)
    {
        _engine = engine;
        Console = console;
        _connection = engine.Services.GetRequiredService<KafkaConnection>();
        _topics = engine.Services.GetRequiredService<IOptions<TopicOptions>>().Value;
        _connection.EnsureEmbeddedTopic(RoundTripTopic);
        _revocations = new RevocationLatencyProbe(_connection.CreateConsumerConfig($"riskengine-probe-{Guid.NewGuid():N}"), _topics.Revocations);
        _roundTrip = new KafkaRoundTripProbe(
            _connection.CreateProducerConfig(),
            _connection.CreateConsumerConfig($"riskengine-round-trip-{Guid.NewGuid():N}"),
            RoundTripTopic,
            TimeSpan.FromMilliseconds(10));
    }

    public DemoConsole Console { get; }

    public RevocationLatencyProbe Revocations => _revocations;

    public string BootstrapServers => _connection.BootstrapServers;

    public TopicOptions Topics => _topics;

    /// <summary>The engine's services, for probes that need its settings.</summary>
    public IServiceProvider Services => _engine.Services;

    public Uri JwksUri => EngineHost.JwksUri(_engine);

    public static async Task<EndToEndRun> StartAsync(EngineHostSettings settings, bool showEvents, CancellationToken cancellationToken)
    {
        var console = new DemoConsole(showEvents);
        // Simulated decisions on a cluster that is gone at exit have no place in the analysts' decision audit, nor
        // simulated identities in its checkpoints, where an engine of the same consumer group would restore them.
        var overrides = new Dictionary<string, string?>(settings.Overrides)
        {
            ["Audit:Enabled"] = "false",
            ["Checkpoints:Enabled"] = "false",
        };
        var engine = EngineHost.Build(
            settings with { MinimumLogLevel = LogLevel.Warning, Overrides = overrides },
            services => services.AddSingleton<IEngineObserver>(console));
        await engine.StartAsync(cancellationToken);
        var run = new EndToEndRun(engine, console);
        await Task.WhenAll(
            EngineHost.StagesAssigned(engine),
            run._revocations.Assigned,
            run._roundTrip.Assigned).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        run._roundTrip.Start();
        await Task.Delay(WarmUp, cancellationToken);
        run._roundTrip.Latencies.Reset();
        return run;
    }

    /// <summary>
    /// Publishes at the given rate, then waits until the engine has scored every event and the probe has every SET.
    /// Latencies are recorded only after <paramref name="warmUp"/>: a long-running engine is measured once its
    /// code is compiled and its caches filled, as it spends nearly all its life.
    /// </summary>
    public async Task<RunResult> PublishAsync(IEnumerable<SimulatedSignIn> signIns, double eventsPerSecond, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var recording = warmUp <= TimeSpan.Zero;
        var source = _connection.CreateProducerConfig();
        source.LingerMs = SourceLingerMs;
        using var publisher = new SignInPublisher(source, _topics.SignIns);
        var published = await Task.Run(
            () => publisher.Publish(signIns, eventsPerSecond, signIn =>
            {
                if (!recording && stopwatch.Elapsed >= warmUp)
                {
                    recording = true;
                    _roundTrip.Latencies.Reset();
                }

                if (signIn.IsMalicious && recording)
                {
                    _revocations.Expect(signIn.EventId);
                }
            }, cancellationToken),
            cancellationToken);
        var publishSeconds = stopwatch.Elapsed.TotalSeconds;

        var drained = Stopwatch.StartNew();
        while (Console.Scored < published && drained.Elapsed < DrainTimeout)
        {
            await Task.Delay(50, cancellationToken);
        }

        // A SET is produced before its input offset is committed; give the probe a moment to read the last ones.
        var revocations = Console.Revocations;
        while (_revocations.Received.Count < revocations && drained.Elapsed < DrainTimeout)
        {
            await Task.Delay(50, cancellationToken);
        }

        return new RunResult(published, publishSeconds, Console.Scored, _revocations.Latencies.Summarize(), _roundTrip.Latencies.Summarize());
    }

    public async Task WaitForShutdownAsync(CancellationToken cancellationToken) => await _engine.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _roundTrip.Dispose();
        _revocations.Dispose();
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }
}
