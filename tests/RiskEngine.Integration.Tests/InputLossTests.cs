using Confluent.Kafka;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Observability;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// An engine whose committed input position retention removed while it was down reads on from the earliest offset
/// kept; what lay between is lost, and the stage counts it where /metrics and the figures show it.
/// </summary>
public sealed class InputLossTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private const string Group = "riskengine-behind";

    // The embedded cluster keeps 5 MiB a partition: 24 messages of 256 KiB push the first ones out.
    private const int FillerMessages = 24;
    private const int FillerBytes = 256 * 1024;

    [Fact]
    public async Task A_stage_restarted_behind_retention_counts_the_input_it_lost()
    {
        var partition = new TopicPartition(fixture.Topics.SignIns, 0);
        fixture.ProduceRaw(partition.Topic, key: null, "{}"u8.ToArray(), partition: 0);
        using (var committer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = fixture.BootstrapServers, GroupId = Group + "-decode" }).Build())
        {
            committer.Commit([new TopicPartitionOffset(partition, 1)]);
        }

        for (var i = 0; i < FillerMessages; i++)
        {
            fixture.ProduceRaw(partition.Topic, key: null, new byte[FillerBytes], partition: 0);
        }

        var engine = await fixture.StartEngineAsync(fixture.BootstrapServers, Group, new EngineRecorder());
        try
        {
            var figures = engine.Services.GetRequiredService<EngineFigures>();
            await Eventually.UntilAsync(
                () => figures.InputOffsetResets().Any(stage => stage is { Stage: "decode", Resets: 1 }),
                "the decode stage to count one input offset reset",
                TimeSpan.FromSeconds(30));
            Assert.All(figures.InputOffsetResets().Where(stage => stage.Stage != "decode"), stage => Assert.Equal(0, stage.Resets));
        }
        finally
        {
            await engine.StopAsync();
            await engine.DisposeAsync();
        }
    }
}
