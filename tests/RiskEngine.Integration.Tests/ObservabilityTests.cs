using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Core.Policy;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;
using RiskEngine.Testing;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// The engine's figures as the "RiskEngine" meter, /status and an OTLP collector see them, its traces from input event to
/// SET, and /healthz. The engine has a cluster of its own, so its figures count only what these tests send.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class ObservabilityTests(EngineFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string StatusToken = "status-read-token-for-tests";
    private const string OtherScopeToken = "blast-radius-token-for-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-observability-test-").FullName;
    private readonly EngineRecorder _recorder = new();
    private readonly OtlpCollectorStandIn _collector = new();
    private WebApplication _engine = null!;
    private Uri _base = null!;
    private string _bootstrap = string.Empty;

    public async Task InitializeAsync()
    {
        var tokens = Path.Combine(_directory, "tokens");
        await File.WriteAllTextAsync(tokens, $"{StatusToken} status:read\n{OtherScopeToken} blast-radius:read\n");
        _engine = await fixture.StartEngineAsync(string.Empty, "observability", _recorder, new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _directory,
            ["StatusApi:TokenFile"] = tokens,
            ["Telemetry:OtlpEndpoint"] = _collector.Endpoint.ToString(),
            ["Telemetry:MetricExportInterval"] = "00:00:00.500",
        });
        _bootstrap = _engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
        _base = EngineHost.ListenAddress(_engine);
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task Scoring_counts_each_event_once_in_the_meter_and_in_status_alike_and_exports_over_OTLP()
    {
        var meterFactory = _engine.Services.GetRequiredService<IMeterFactory>();
        var counters = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var durations = new ConcurrentQueue<double>();
        using var meterListener = new MeterListener
        {
            // Only this engine's meter: other engines of the test run have a "RiskEngine" meter of their own.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Meter.Scope == meterFactory)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => counters[Key(instrument.Name, tags)] = value);
        meterListener.SetMeasurementEventCallback<double>((instrument, value, _, _) => durations.Enqueue(value));
        meterListener.Start();

        var (events, _) = await PublishAndScoreAsync(new SimulationOptions { Identities = 30, Takeovers = 2, Seed = 515 });
        var revoking = _recorder.Scored.Count(scored => scored.Decision.Actions.HasFlag(TrustAction.RevokeSession));
        Assert.True(revoking >= 2, $"the two takeovers revoke; {revoking} decisions did");
        var status = await StatusUntilAsync(body => body.GetProperty("securityEvents").EnumerateObject().Sum(type => type.Value.GetInt64()) == _recorder.SecurityEvents.Count);

        meterListener.RecordObservableInstruments();
        Assert.Equal(events.Count, counters["riskengine.events.decoded|source=EntraId"]);
        Assert.Equal(events.Count, counters["riskengine.events.scored"]);
        Assert.Equal(revoking, counters["riskengine.actions|kind=RevokeSession"]);
        Assert.Equal(_recorder.Revocations.Count, counters["riskengine.revocations"]);
        Assert.Equal(events.Count, durations.Count);
        Assert.All(durations, seconds => Assert.InRange(seconds, 1e-9, 10));

        Assert.Null(SchemaValidator.Validate("engine-status.schema.json", status.GetRawText()));
        Assert.True(status.GetProperty("healthy").GetBoolean());
        Assert.Equal(events.Count, status.GetProperty("eventsIn").GetProperty("EntraId").GetInt64());
        Assert.Equal(events.Count, status.GetProperty("scored").GetInt64());
        Assert.Equal(revoking, status.GetProperty("actions").GetProperty("RevokeSession").GetInt64());
        Assert.Equal(_recorder.Revocations.Count, status.GetProperty("securityEvents").GetProperty("session-revoked").GetInt64());
        Assert.Empty(status.GetProperty("deadLetters").EnumerateObject());
        var latency = status.GetProperty("scoringLatency");
        Assert.Equal(events.Count, latency.GetProperty("count").GetInt64());
        // Percentiles are bucket upper bounds, at most 2^(1/4) above the largest duration the meter saw.
        Assert.InRange(latency.GetProperty("p99Ms").GetDouble(), latency.GetProperty("p50Ms").GetDouble(), (durations.Max() * 1000 * 1.19) + 0.001);

        // Lag is measured every second, from the consumer's cached watermarks: once scoring has read everything, its partitions show none.
        static IEnumerable<JsonElement> ScoringLag(JsonElement body) =>
            body.GetProperty("consumerLag").EnumerateArray().Where(lag => lag.GetProperty("stage").GetString() == "scoring");
        status = await StatusUntilAsync(body => ScoringLag(body).Any() && ScoringLag(body).All(lag => lag.GetProperty("lag").GetInt64() == 0));
        Assert.NotEmpty(ScoringLag(status));
        Assert.All(ScoringLag(status), lag => Assert.Equal(0, lag.GetProperty("lag").GetInt64()));

        var metricsExport = await ReceivedAsync("/v1/metrics", "riskengine.events.scored");
        Assert.True(metricsExport.AsSpan().IndexOf(Encoding.UTF8.GetBytes(EngineMetrics.MeterName)) >= 0, "the export names the meter");
        await ReceivedAsync("/v1/traces", EngineTracing.SourceName);
    }

    [Fact]
    public async Task Every_SET_carries_the_trace_of_the_input_event_that_caused_it()
    {
        var decoded = new ConcurrentDictionary<string, ActivityTraceId>(StringComparer.Ordinal);
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "decode" && activity.GetTagItem(EngineTracing.EventIdTag) is string eventId)
                {
                    decoded[eventId] = activity.TraceId;
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        var (events, victims) = await PublishAndScoreAsync(new SimulationOptions { Identities = 20, Takeovers = 2, Seed = 616 });
        var sets = TopicReader.ReadUntil(
            _bootstrap,
            fixture.Topics.Revocations,
            messages => victims.All(victim => messages.Any(message => SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == victim)),
            Timeout);

        var revocations = sets.Where(SecurityEventTokens.IsSessionRevoked).ToList();
        Assert.NotEmpty(revocations);
        Assert.All(sets, set =>
        {
            var cause = SecurityEventTokens.HeaderOf(set, RevocationHeaders.TriggeringEventId);
            Assert.Contains(cause, events);
            // The existing headers stay; the trace is one more.
            Assert.Equal(RevocationHeaders.SecurityEventTokenMediaType, SecurityEventTokens.HeaderOf(set, RevocationHeaders.ContentType));
            Assert.Equal(decoded[cause], EngineTracing.TraceIdOf(set.Message.Headers));
        });
    }

    [Fact]
    public async Task Healthz_needs_no_token_and_status_refuses_a_missing_token_and_a_token_without_its_scope()
    {
        using var http = new HttpClient { BaseAddress = _base };
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var anonymous = await StatusAsync(token: null);
        using var unknown = await StatusAsync("not-a-token");
        using var otherScope = await StatusAsync(OtherScopeToken);
        using var granted = await StatusAsync(StatusToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy\n", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherScope.StatusCode);
        Assert.Contains("error=\"insufficient_scope\", scope=\"status:read\"", otherScope.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        using var body = JsonDocument.Parse(await granted.Content.ReadAsStringAsync());
        // The decision audit consumes the SET topic as a stage of its own.
        Assert.Equal(["audit", "decode", "scoring"], body.RootElement.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("stage").GetString()).Order(StringComparer.Ordinal));
    }

    private static string Key(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new StringBuilder(instrument);
        foreach (var tag in tags)
        {
            key.Append('|').Append(tag.Key).Append('=').Append(tag.Value);
        }

        return key.ToString();
    }

    private async Task<byte[]> ReceivedAsync(string path, string containing)
    {
        var wanted = Encoding.UTF8.GetBytes(containing);
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_collector.Received.FirstOrDefault(request => request.Path == path && request.Body.AsSpan().IndexOf(wanted) >= 0) is { Body: { } body })
            {
                return body;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no OTLP export to {path} holding '{containing}' within {Timeout}; received {string.Join(", ", _collector.Received.Select(request => request.Path))}");
    }

    private async Task<JsonElement> StatusUntilAsync(Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            using var response = await StatusAsync(StatusToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (done(body.RootElement) || DateTime.UtcNow > deadline)
            {
                return body.RootElement.Clone();
            }

            await Task.Delay(100);
        }
    }

    private async Task<HttpResponseMessage> StatusAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var http = new HttpClient { BaseAddress = _base };
        return await http.SendAsync(request);
    }

    private async Task<(HashSet<string> Events, HashSet<string> Victims)> PublishAndScoreAsync(SimulationOptions options)
    {
        var simulator = new SignInSimulator(options);
        var signIns = simulator.Generate().ToList();
        using (var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = _bootstrap, LingerMs = 5 }, fixture.Topics.SignIns))
        {
            publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
        }

        var events = signIns.Select(signIn => signIn.EventId).ToHashSet();
        await _recorder.WaitForScoredAsync(events, Timeout);
        return (events, [.. simulator.Identities.Where(identity => identity.IsTakeoverVictim).Select(identity => identity.IdentityId)]);
    }
}
