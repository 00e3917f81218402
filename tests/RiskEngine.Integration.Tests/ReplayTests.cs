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
        var original = FirstRevocationPerIdentity(TopicReader.ReadFor(bootstrap, fixture.Topics.Revocations, TimeSpan.FromSeconds(5)));
        Assert.Equal(simulator.Identities.Where(i => i.IsTakeoverVictim).Select(i => i.IdentityId).Order(StringComparer.Ordinal), original.Keys.Order(StringComparer.Ordinal));

        // A second engine with no state, in another consumer group, replays the topic from the start.
        var replayRecorder = new EngineRecorder();
        await using (var replay = await fixture.StartEngineAsync(bootstrap, consumerGroup: "riskengine-replay", replayRecorder))
        {
            await replayRecorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        }

        // Each victim's revocation by the replay carries the jti the original run minted, so PEPs de-duplicate it.
        var replayed = replayRecorder.Revocations
            .GroupBy(revocation => revocation.Trigger.IdentityId)
            .ToDictionary(g => g.Key, g => g.First().Token.Jti, StringComparer.Ordinal);
        Assert.Equal(original.OrderBy(p => p.Key, StringComparer.Ordinal), replayed.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static Dictionary<string, string> FirstRevocationPerIdentity(IEnumerable<Confluent.Kafka.ConsumeResult<byte[]?, byte[]>> messages) =>
        messages.Where(SecurityEventTokens.IsSessionRevoked)
            .GroupBy(SecurityEventTokens.KeyOf)
            .ToDictionary(g => g.Key, g => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(g.First())).GetProperty("jti").GetString()!, StringComparer.Ordinal);
}
