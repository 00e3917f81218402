using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Functions.Hosting;
using RiskEngine.Functions.Tests.Fixtures;

namespace RiskEngine.Functions.Tests.Hosting;

/// <summary>
/// Kafka unreachable: the Event Hubs trigger checkpoints past the batch whatever the handler answers, so the handler
/// keeps it in the dead-letter directory before answering, reports itself unhealthy, and the kept file, POSTed
/// again, goes through.
/// </summary>
public sealed class UnreachableKafkaTests(FunctionsFixture fixture) : IClassFixture<FunctionsFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-functions-unreachable-").FullName;
    private WebApplication? _handler;

    public async Task InitializeAsync()
    {
        // Port 1 on loopback: nothing listens, so nothing is ever acknowledged.
        _handler = FunctionsFixture.StartHandler(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Functions:DeliveryTimeout"] = "00:00:02",
        }, _directory);
        await _handler.StartAsync();
    }

    [Fact]
    public async Task The_unfinished_batch_is_kept_before_the_answer_and_goes_through_when_sent_again()
    {
        var start = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var bodies = new[]
        {
            Bodies.EntraEnvelope(Bodies.EntraRecord("kept-1", "u-kept", start, 0), Bodies.EntraRecord("kept-2", "u-kept", start.AddMinutes(1), 0)),
            Bodies.EntraEnvelope(Bodies.EntraRecord("kept-3", "u-kept", start.AddMinutes(2), 0)),
        };
        using var client = new HttpClient { BaseAddress = FunctionsHost.BaseUri(_handler!) };
        using (var before = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var failed = await client.PostAsync(new Uri("/SignIns", UriKind.Relative),
            new StringContent(InvocationPayload.Build("SignIns", "entra-kept", 2, 500, bodies, start.AddMinutes(3), wrapped: true)));
        var summary = await EventHubBatchHandlerTests.Summary(failed);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("within 2 s", summary.GetProperty("Failure").GetString(), StringComparison.Ordinal);
        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("within 2 s", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var stored = summary.GetProperty("StoredAt").GetString()!;
        using (var kept = JsonDocument.Parse(await File.ReadAllTextAsync(stored)))
        {
            Assert.Equal(bodies, kept.RootElement.GetProperty("Data").GetProperty("events").EnumerateArray().Select(e => e.GetString()!));
            var metadata = kept.RootElement.GetProperty("Metadata");
            Assert.Equal([500L, 501L], metadata.GetProperty("SequenceNumberArray").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal("2", metadata.GetProperty("PartitionContext").GetProperty("PartitionId").GetString());
        }

        // Sent again to a handler whose Kafka is up, the kept file is a batch like any other: three records decoded.
        using var resent = await fixture.Client.PostAsync(new Uri("/SignIns", UriKind.Relative), new StringContent(await File.ReadAllTextAsync(stored)));
        var resentSummary = await EventHubBatchHandlerTests.Summary(resent);
        Assert.Equal((HttpStatusCode.OK, 3), (resent.StatusCode, resentSummary.GetProperty("Decoded").GetInt32()));
        using (var health = await fixture.Client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal((HttpStatusCode.OK, "healthy\n"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        }

        var routed = TopicMessages.Read(fixture.BootstrapServers, fixture.Topics.Events, m => m.Message.Key == "u-kept", 3, TimeSpan.FromSeconds(30));
        Assert.Equal(["500", "500", "501"], routed.Select(m => TopicMessages.Header(m, RiskEngine.Kafka.Worker.EventHeaders.SourceOffset)!).Order(StringComparer.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_handler is not null)
        {
            await _handler.StopAsync();
            await _handler.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
