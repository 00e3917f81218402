using System.Net;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Backpressure;
using RiskEngine.Kafka.Worker;
using RiskEngine.Simulation;
using Xunit.Abstractions;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// Input arriving far faster than a slowed scoring stage can take it: the decode stage pauses its input while the
/// events topic holds more than the bound, OPA's uploads are answered 503 meanwhile, nothing is lost, and once
/// scoring catches up decoding resumes. The engine has a cluster of its own, so its slowness holds up no other test.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class BackpressureTests(EngineFixture fixture, ITestOutputHelper output)
{
    private const int Bound = 50;

    [Fact]
    public async Task Input_that_outruns_scoring_pauses_decoding_loses_nothing_and_catches_up()
    {
        var recorder = new EngineRecorder();
        var engine = await fixture.StartEngineAsync(string.Empty, "backpressure", new SlowScoring(recorder, TimeSpan.FromMilliseconds(1)), new Dictionary<string, string?>
        {
            ["Backpressure:MaxScoringBacklogPerPartition"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backpressure:CheckInterval"] = "00:00:00.050",
        });
        try
        {
            var backlog = engine.Services.GetRequiredService<ScoringBacklog>();
            var decode = engine.Services.GetRequiredService<DecodeWorker>();
            var signIns = new SignInSimulator(new SimulationOptions { Identities = 200, Seed = 909 }).Generate().ToList();
            using (var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers, LingerMs = 5 }, fixture.Topics.SignIns))
            {
                publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
            }

            // Watch the backlog while scoring works through it, at about 1,000 events a second.
            var events = signIns.Select(signIn => signIn.EventId).ToList();
            var scored = recorder.WaitForScoredAsync(events, TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = new Uri(EngineHost.JwksUri(engine), "/") };
            var decision = OpaUploads.Gzip(OpaUploads.DecisionArray([Guid.NewGuid().ToString()]));
            TimeSpan? refusedRetryAfter = null;
            long largest = 0;
            var sawPaused = false;
            while (!scored.IsCompleted)
            {
                largest = Math.Max(largest, backlog.Latest.Largest);
                sawPaused |= decode.IsPaused;
                if (refusedRetryAfter is null && backlog.IsOverloaded)
                {
                    // (The backlog may fall under the bound before the request arrives; then it is taken, and tried again at the next pause.)
                    using var upload = await OpaUploads.PostAsync(http, "/logs", decision, EngineFixture.UploadToken);
                    refusedRetryAfter = upload.StatusCode == HttpStatusCode.ServiceUnavailable ? upload.Headers.RetryAfter?.Delta : null;
                }

                await Task.Delay(20);
            }

            await scored;
            output.WriteLine($"{events.Count} events; the largest partition backlog seen {largest} (bound {Bound}); {backlog.Pauses} pauses");
            Assert.True(sawPaused, "the decode stage never paused");
            Assert.True(backlog.Pauses >= 1);
            // Unchecked, the decode stage, thousands of events a second ahead of scoring, puts nearly every partition's whole
            // share (about 600 events) on the topic; checked between messages it overshoots the bound by at most what it
            // decodes between two checks, all of it, at worst, into one partition.
            Assert.True(largest <= Bound + StageWorker.BetweenEvery, $"the backlog reached {largest} events in one partition");

            var clock = DateTime.UtcNow;
            while (backlog.IsOverloaded || decode.IsPaused || backlog.Latest.Total > 0)
            {
                Assert.True(DateTime.UtcNow - clock < TimeSpan.FromSeconds(10), $"still {backlog.Latest.Total} behind, paused {decode.IsPaused}");
                await Task.Delay(20);
            }

            // An upload while paused was told to come back in a second; the same batch, retried as OPA does, is taken.
            Assert.Equal(TimeSpan.FromSeconds(1), refusedRetryAfter);
            using var retried = await OpaUploads.PostAsync(http, "/logs", decision, EngineFixture.UploadToken);
            Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        }
        finally
        {
            await engine.StopAsync();
            await engine.DisposeAsync();
        }
    }
}
