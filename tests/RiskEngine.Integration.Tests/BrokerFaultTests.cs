using Confluent.Kafka;
using RiskEngine.Cli.Publishing;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Embedded;
using RiskEngine.Simulation;
using Xunit.Abstractions;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// The same traffic through two engines, each on a three-broker embedded cluster of its own: one undisturbed, one
/// whose cluster, while the traffic streams through, answers produce, fetch and offset-commit requests with errors,
/// moves every partition's leader and takes a broker down and up again. The faulted engine issues exactly the SETs,
/// by <c>jti</c>, that the undisturbed one does: none lost, none new.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class BrokerFaultTests(EngineFixture fixture, ITestOutputHelper output)
{
    private const short ProduceApi = 0;
    private const short FetchApi = 1;
    private const short OffsetCommitApi = 8;
    private const int Brokers = 3;
    private const int Partitions = 8;

    private static readonly SimulationOptions Traffic = new() { Identities = 80, Takeovers = 4, Seed = 4242 };

    [Fact]
    public async Task Request_errors_leader_changes_and_a_broker_down_and_up_lose_no_SET_and_add_none()
    {
        var undisturbed = await RunAsync("faults-reference", faults: null);
        var faulted = await RunAsync("faults-injected", InjectFaultsAsync);

        output.WriteLine($"{undisturbed.Revocations.Count} revocations and {undisturbed.All.Count} SETs undisturbed; {faulted.Revocations.Count} and {faulted.All.Count} under faults");
        foreach (var (run, only) in new[] { ("undisturbed", undisturbed.All.Keys.Except(faulted.All.Keys)), ("faulted", faulted.All.Keys.Except(undisturbed.All.Keys)) })
        {
            foreach (var jti in only)
            {
                output.WriteLine($"only {run}: {(run == "faulted" ? faulted : undisturbed).All[jti]}");
            }
        }

        Assert.Equal(Traffic.Takeovers, undisturbed.Revocations.Count);
        Assert.Equal(undisturbed.Revocations.Order(StringComparer.Ordinal), faulted.Revocations.Order(StringComparer.Ordinal));
        Assert.Equal(undisturbed.All.Keys.Order(StringComparer.Ordinal), faulted.All.Keys.Order(StringComparer.Ordinal));
    }

    private async Task InjectFaultsAsync(EmbeddedKafkaCluster cluster)
    {
        // Retriable errors, as a broker answers while it loses leadership or is overloaded.
        cluster.InjectRequestErrors(ProduceApi, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
        cluster.InjectRequestErrors(FetchApi, ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition);
        cluster.InjectRequestErrors(OffsetCommitApi, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.NotCoordinatorForGroup, ErrorCode.RequestTimedOut);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Every partition of the engine's topics led by another broker, as after a controller's failover.
        foreach (var topic in new[] { fixture.Topics.SignIns, fixture.Topics.Events, fixture.Topics.Revocations })
        {
            for (var partition = 0; partition < Partitions; partition++)
            {
                cluster.SetPartitionLeader(topic, partition, ((partition + 1) % Brokers) + 1);
            }
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // Broker 1 gone for two seconds, well inside the consumer group's session timeout, then back.
        cluster.SetBrokerDown(1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        cluster.SetBrokerUp(1);
    }

    private async Task<(Dictionary<string, string> All, HashSet<string> Revocations)> RunAsync(string consumerGroup, Func<EmbeddedKafkaCluster, Task>? faults)
    {
        var recorder = new EngineRecorder();
        var engine = await fixture.StartEngineAsync(string.Empty, consumerGroup, recorder, new Dictionary<string, string?>
        {
            ["Kafka:Embedded:Brokers"] = Brokers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:Embedded:Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        try
        {
            var connection = engine.Services.GetRequiredService<KafkaConnection>();
            var signIns = new SignInSimulator(Traffic).Generate().ToList();

            // A steady stream of a few seconds, so that the faults fall in the middle of it.
            var publishing = Task.Run(() =>
            {
                using var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = connection.BootstrapServers, LingerMs = 5 }, fixture.Topics.SignIns);
                publisher.Publish(signIns, eventsPerSecond: 600, beforeProduce: null, CancellationToken.None);
            });
            if (faults is not null)
            {
                await faults(connection.Embedded!);
            }

            await publishing;
            await recorder.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), TimeSpan.FromSeconds(120));

            // A SET can still be waiting for its partition's leader after the event that caused it was scored;
            // stopping flushes every output, so the recorder then holds all the SETs this engine issued. The cluster
            // lives until the engine is disposed.
            await engine.StopAsync();
            return await SecurityEventIdsAsync(connection.BootstrapServers, recorder);
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    // Every SET the engine had acknowledged, read back from the SET topic as a PEP reads it.
    private async Task<(Dictionary<string, string> All, HashSet<string> Revocations)> SecurityEventIdsAsync(string bootstrap, EngineRecorder recorder)
    {
        var expected = recorder.SecurityEvents.Select(securityEvent => securityEvent.Token.Jti).ToHashSet(StringComparer.Ordinal);
        var read = await Task.Run(() => TopicReader.ReadUntil(
            bootstrap,
            fixture.Topics.Revocations,
            messages => messages.Select(IdOf).ToHashSet(StringComparer.Ordinal).IsSupersetOf(expected),
            TimeSpan.FromSeconds(30)));
        return (
            read.DistinctBy(IdOf).ToDictionary(IdOf, Describe, StringComparer.Ordinal),
            read.Where(SecurityEventTokens.IsSessionRevoked).Select(IdOf).ToHashSet(StringComparer.Ordinal));
    }

    private static string Describe(ConsumeResult<byte[]?, byte[]> message)
    {
        var claims = SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message));
        var securityEvent = claims.GetProperty("events").EnumerateObject().Single();
        return $"{SecurityEventTokens.KeyOf(message)} {securityEvent.Name} {securityEvent.Value}";
    }

    private static string IdOf(ConsumeResult<byte[]?, byte[]> message) =>
        SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message)).GetProperty("jti").GetString()!;
}
