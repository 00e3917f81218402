using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Cli.Replaying;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Replaying;
using RiskEngine.Sources;
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
        await firstRecorder.WaitForRevocationsDeliveredAsync(TimeSpan.FromSeconds(30));
        var original = FirstRevocationPerIdentity(TopicReader.ReadFor(bootstrap, fixture.Topics.Revocations, TimeSpan.FromSeconds(5)));
        Assert.Equal(simulator.Identities.Where(i => i.IsTakeoverVictim).Select(i => i.IdentityId).Order(StringComparer.Ordinal), original.Keys.Order(StringComparer.Ordinal));

        // A second engine with no state, in another consumer group, replays the topic from the start.
        var replayRecorder = new EngineRecorder();
        await using (var replay = await fixture.StartEngineAsync(bootstrap, consumerGroup: "riskengine-replay", replayRecorder))
        {
            await replayRecorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
            await replayRecorder.WaitForRevocationsDeliveredAsync(TimeSpan.FromSeconds(30));
        }

        // Each victim's revocation by the replay carries the jti the original run minted, so PEPs de-duplicate it.
        var replayed = replayRecorder.Revocations
            .GroupBy(revocation => revocation.Trigger.IdentityId)
            .ToDictionary(g => g.Key, g => g.First().Token.Jti, StringComparer.Ordinal);
        Assert.Equal(original.OrderBy(p => p.Key, StringComparer.Ordinal), replayed.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Replaying_a_topic_range_predicts_exactly_the_actions_the_engine_took_on_it()
    {
        var recorder = new EngineRecorder();
        await using var engine = await fixture.StartEngineAsync(bootstrapServers: string.Empty, consumerGroup: "riskengine", recorder);
        var bootstrap = engine.Services.GetRequiredService<Kafka.KafkaConnection>().BootstrapServers;
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 40, Takeovers = 3, Seed = 404 });
        var signIns = simulator.Generate().ToList();
        using (var publisher = new Cli.Publishing.SignInPublisher(new Confluent.Kafka.ProducerConfig { BootstrapServers = bootstrap }, fixture.Topics.SignIns))
        {
            publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
        }

        await recorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(60));
        var taken = TopicReader.ReadFor(bootstrap, fixture.Topics.Revocations, TimeSpan.FromSeconds(5))
            .Select(message => (Header(message, RevocationHeaders.Identity), Header(message, RevocationHeaders.TriggeringEventId), Header(message, RevocationHeaders.Action)))
            .Distinct()
            .Order()
            .ToList();
        Assert.Contains(taken, action => action.Item3 == nameof(TrustAction.RevokeSession));

        // The engine's own settings, decoders and reference data, over the sign-in topic as it now stands.
        var services = engine.Services;
        var trust = services.GetRequiredService<IOptions<TrustOptions>>().Value;
        var anonymizers = services.GetRequiredService<ScoringContext>().AnonymizingNetworks;
        var predicted = new ActionCollector();
        var job = new ReplayJob
        {
            Inputs = TopicRange.Open(new Confluent.Kafka.ConsumerConfig { BootstrapServers = bootstrap }, fixture.Topics.SignIns, from: null, to: null, SourceFormat.Entra),
            Decoders = services.GetRequiredService<SourceDecoders>(),
            Pipeline = services.GetRequiredService<IOptions<PipelineOptions>>().Value,
            Caep = services.GetRequiredService<IOptions<CaepOptions>>().Value,
            Candidate = trust,
            CreateContext = options => new ScoringContext(options) { AnonymizingNetworks = anonymizers },
            Observer = predicted,
        };
        var result = job.Run(CancellationToken.None);

        Assert.Equal(signIns.Count, result.Counts.Events);
        Assert.Equal(taken, predicted.Actions.Distinct().Order().ToList());
    }

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]> message, string name) =>
        System.Text.Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(name));

    /// <summary>Each action the replay decided, as the SET topic's headers name it: identity, causing event, action.</summary>
    private sealed class ActionCollector : IScoringSink
    {
        public List<(string, string, string)> Actions { get; } = [];

        public void OnScored(in ScoredEvent scored)
        {
        }

        public void OnSecurityEvent(in SecurityEvent securityEvent) =>
            Actions.Add((securityEvent.Trigger.IdentityId, securityEvent.Trigger.EventId, securityEvent.Action.ToString()));
    }

    private static Dictionary<string, string> FirstRevocationPerIdentity(IEnumerable<Confluent.Kafka.ConsumeResult<byte[]?, byte[]>> messages) =>
        messages.Where(SecurityEventTokens.IsSessionRevoked)
            .GroupBy(SecurityEventTokens.KeyOf)
            .ToDictionary(g => g.Key, g => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(g.First())).GetProperty("jti").GetString()!, StringComparer.Ordinal);
}
