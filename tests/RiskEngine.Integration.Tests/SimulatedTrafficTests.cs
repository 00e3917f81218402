using Confluent.Kafka;
using RiskEngine.Cli.Publishing;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Integration.Tests;

/// <summary><c>riskengine simulate</c>'s two outputs: every format produced to the topic the engine reads it from, and files.</summary>
[Collection(SharedEngine.Name)]
public sealed class SimulatedTrafficTests(EngineFixture engine)
{
    private static TrafficOptions Options => new()
    {
        Identities = 24,
        Seed = 404,
        MeshRate = 0.02,
        Scenarios = ScenarioMix.Parse("impossible-travel,mfa-fatigue,scanning,deny-burst", "benign-vpn"),
    };

    [Fact]
    public async Task Every_simulated_format_reaches_the_engine_on_its_topic_and_every_event_is_scored()
    {
        var simulator = new TrafficSimulator(Options);
        using var labels = new MemoryStream();

        var published = TrafficPublisher.Publish(
            simulator, 3, new ProducerConfig { BootstrapServers = engine.BootstrapServers, LingerMs = 5 }, engine.Topics.SignIns, engine.Topics.Decisions, 0, labels, CancellationToken.None);

        var eventIds = System.Text.Encoding.UTF8.GetString(labels.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("eventId").GetString()!)
            .ToList();
        Assert.True(published < eventIds.Count, "Entra sign-ins went three to an envelope");
        await engine.Recorder.WaitForScoredAsync(eventIds, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void An_output_directory_gets_a_file_per_format_the_labels_and_the_anonymizer_list()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"riskengine-simulate-{Guid.NewGuid():N}");
        try
        {
            var lines = TrafficDirectory.Write(directory, new TrafficSimulator(Options), 1);

            var files = Directory.GetFiles(directory).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(["anonymizers.txt", "entra.jsonl", "envoy.jsonl", "labels.jsonl", "linkerd.jsonl", "okta.jsonl", "opa.jsonl"], files);
            Assert.Equal(
                lines["labels.jsonl"],
                TrafficWriter.Formats.Sum(format => File.ReadLines(Path.Combine(directory, TrafficWriter.FileOf(format))).LongCount()));
            Assert.All(TrafficWriter.Formats, format => Assert.True(lines[TrafficWriter.FileOf(format)] > 0, format.ToString()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
