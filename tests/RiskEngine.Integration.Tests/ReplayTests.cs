using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Simulation;

namespace RiskEngine.Integration.Tests;

[Collection(SharedEngine.Name)]
public sealed class ReplayTests(EngineFixture fixture)
{
    [Fact]
    public async Task Replaying_the_same_events_through_a_fresh_engine_mints_no_new_jti()
    {
        // A cluster of its own, so the replaying engine re-reads only this test's sign-ins.
        var firstRecorder = new EngineRecorder();
        await using var first = await fixture.StartEngineAsync(bootstrapServers: string.Empty, consumerGroup: "riskengine", firstRecorder);
        var bootstrap = first.Services.GetRequiredService<Kafka.KafkaConnection>().BootstrapServers;
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 30, Takeovers = 2, Seed = 303 });
        var signIns = simulator.Generate().ToList();
        using (var publisher = new Cli.Publishing.SignInPublisher(new Confluent.Kafka.ProducerConfig { BootstrapServers = bootstrap }, fixture.Topics.SignIns))
        {
            publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
        }

        await firstRecorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        var original = TopicReader.ReadUntil(bootstrap, fixture.Topics.Revocations, read => read.Count(SecurityEventTokens.IsSessionRevoked) >= 2, TimeSpan.FromSeconds(30))
            .Where(SecurityEventTokens.IsSessionRevoked)
            .Select(message => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message)).GetProperty("jti").GetString())
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(2, original.Count);

        // A second engine with no state, in another consumer group, replays the topic from the start.
        var replayRecorder = new EngineRecorder();
        await using (var replay = await fixture.StartEngineAsync(bootstrap, consumerGroup: "riskengine-replay", replayRecorder))
        {
            await replayRecorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        }

        var all = TopicReader.ReadUntil(bootstrap, fixture.Topics.Revocations, read => read.Count(SecurityEventTokens.IsSessionRevoked) >= 4, TimeSpan.FromSeconds(30))
            .Where(SecurityEventTokens.IsSessionRevoked)
            .Select(message => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message)).GetProperty("jti").GetString())
            .ToList();
        Assert.Equal(4, all.Count);
        Assert.Equal(original, all.ToHashSet(StringComparer.Ordinal));
    }
}
