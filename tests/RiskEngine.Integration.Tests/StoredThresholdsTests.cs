using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;
using RiskEngine.Storage;
using RiskEngine.Thresholds.Storage;
using Xunit.Abstractions;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// A running engine takes a new thresholds version, through its admin API or from another process (the CLI), without
/// a restart, and every decision says which version made it. The engine here has a cluster of its own, so the
/// thresholds it is given change nothing the other tests see.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class StoredThresholdsTests(EngineFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string AnalystToken = "analyst-token-for-tests";
    private static readonly TimeSpan ScoreTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-thresholds-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_version_put_to_the_running_engine_decides_the_next_events_and_one_stored_by_the_CLI_follows_it()
    {
        var tokens = Path.Combine(_directory, "tokens");
        await File.WriteAllTextAsync(tokens, $"{AnalystToken} thresholds:write\n");
        var recorder = new EngineRecorder();
        var engine = await fixture.StartEngineAsync(string.Empty, "thresholds", recorder, new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _directory,
            ["Thresholds:TokenFile"] = tokens,
        });
        try
        {
            var bootstrap = engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;

            // Version 1 revokes only below a score of 5, where the defaults revoke below 20 to 50 by the resource's sensitivity.
            var lenient = ThresholdSettings.Of(new TrustOptions());
            foreach (var sensitivity in Enum.GetValues<ResourceSensitivity>())
            {
                lenient.Policy.Thresholds.For(sensitivity).Revoke = 5;
            }

            Assert.Equal(HttpStatusCode.Created, await PutAsync(engine, lenient));
            var first = await PublishAndScoreAsync(bootstrap, fixture.Topics.SignIns, recorder, new SimulationOptions { Identities = 30, Takeovers = 1, Seed = 606 });

            Assert.All(first.Events, eventId => Assert.Equal(1, recorder.Scored.Single(scored => scored.Event.EventId == eventId).ThresholdVersion));
            var firstRevocation = await RevocationOfAsync(bootstrap, first.Victim);
            Assert.Equal("1", SecurityEventTokens.HeaderOf(firstRevocation, RevocationHeaders.ThresholdVersion));
            Assert.Contains("fell below the revoke threshold 5 for internal resources", ReasonOf(firstRevocation), StringComparison.Ordinal);

            // Version 2, the default thresholds again, stored as riskengine thresholds set does from another process.
            var clock = Stopwatch.StartNew();
            await using (var database = new SqliteDialect(Path.Combine(_directory, new DatabaseOptions().SqliteFileName)))
            {
                await new ThresholdStore(database, TimeProvider.System).SaveAsync(
                    ThresholdSettings.Of(new TrustOptions()), new TrustOptions(), new ThresholdChange("alice", "back to the defaults"), CancellationToken.None);
            }

            var trust = engine.Services.GetRequiredService<IOptionsMonitor<TrustOptions>>();
            while (trust.CurrentValue.ThresholdVersion != 2)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the engine did not apply version 2 stored by another process");
                await Task.Delay(10);
            }

            output.WriteLine($"version 2 in force {clock.ElapsedMilliseconds} ms after another process stored it");
            var second = await PublishAndScoreAsync(bootstrap, fixture.Topics.SignIns, recorder, new SimulationOptions { Identities = 30, Takeovers = 1, Seed = 607, Start = new(2026, 11, 3, 8, 0, 0, TimeSpan.Zero) });

            Assert.DoesNotContain(second.Victim, first.Identities);
            Assert.All(second.Events, eventId => Assert.Equal(2, recorder.Scored.Single(scored => scored.Event.EventId == eventId).ThresholdVersion));
            var secondRevocation = await RevocationOfAsync(bootstrap, second.Victim);
            Assert.Equal("2", SecurityEventTokens.HeaderOf(secondRevocation, RevocationHeaders.ThresholdVersion));
            Assert.Contains("fell below the revoke threshold 40 for internal resources", ReasonOf(secondRevocation), StringComparison.Ordinal);
        }
        finally
        {
            await engine.StopAsync();
            await engine.DisposeAsync();
        }
    }

    private async Task<ConsumeResult<byte[]?, byte[]>> RevocationOfAsync(string bootstrap, string identity)
    {
        bool IsRevocationOf(ConsumeResult<byte[]?, byte[]> message) => SecurityEventTokens.IsSessionRevoked(message) && SecurityEventTokens.KeyOf(message) == identity;
        var read = await Task.Run(() => TopicReader.ReadUntil(bootstrap, fixture.Topics.Revocations, messages => messages.Any(IsRevocationOf), TimeSpan.FromSeconds(30)));
        return read.First(IsRevocationOf);
    }

    private static string ReasonOf(ConsumeResult<byte[]?, byte[]> revocation) =>
        SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(revocation)).GetProperty("events").EnumerateObject().Single().Value
            .GetProperty("reason_admin").GetProperty("en").GetString()!;

    private static async Task<HttpStatusCode> PutAsync(WebApplication engine, ThresholdSettings thresholds)
    {
        using var client = new HttpClient { BaseAddress = EngineHost.ListenAddress(engine) };
        using var request = new HttpRequestMessage(HttpMethod.Put, "/admin/thresholds")
        {
            Content = new StringContent($$"""{"author":"alice","reason":"no revocations","thresholds":{{thresholds.ToJson()}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AnalystToken);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(List<string> Events, string Victim, HashSet<string> Identities)> PublishAndScoreAsync(string bootstrap, string topic, EngineRecorder recorder, SimulationOptions options)
    {
        var simulator = new SignInSimulator(options);
        var signIns = simulator.Generate().ToList();
        using (var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }, topic))
        {
            publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
        }

        var events = signIns.Select(signIn => signIn.EventId).ToList();
        await recorder.WaitForScoredAsync(events, ScoreTimeout);
        return (events, simulator.Identities.Single(identity => identity.IsTakeoverVictim).IdentityId, [.. simulator.Identities.Select(identity => identity.IdentityId)]);
    }
}
