using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using RiskEngine.Cli.Publishing;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Kafka.Worker;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Simulation;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;
using RiskEngine.Storage;

namespace RiskEngine.Integration.Tests;

/// <summary>
/// Process faults against checkpointed identity state: a scoring instance (<c>riskengine run</c> in a child process)
/// scores a population's history and checkpoints it, is killed with SIGKILL while it scores the takeovers, and two
/// new instances take its partitions over from the checkpoints. Every revocation a fault-free instance makes over the
/// same input is made, with the same jti, though the takeovers are revoked on history from before the crash.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class DurableStateTests(EngineFixture fixture) : IAsyncLifetime
{
    private const string FaultyGroup = "durable-faulty";
    private const string FaultyRevocations = "riskengine.test.durable-revocations";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private readonly string _directory = Directory.CreateTempSubdirectory("riskengine-durable-state-test-").FullName;
    private readonly EngineRecorder _reference = new();
    private readonly List<(Process Process, StringBuilder Output)> _instances = [];
    private WebApplication _engine = null!;
    private string _bootstrap = string.Empty;

    private string FaultyDatabase => Path.Combine(_directory, "faulty-database");

    public async Task InitializeAsync()
    {
        // A cluster of its own; this engine decodes for both groups and is the fault-free scoring instance.
        _engine = await fixture.StartEngineAsync(string.Empty, "durable-reference", _reference, new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = Path.Combine(_directory, "reference-database"),
        });
        _bootstrap = _engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, _) in _instances)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await _engine.StopAsync();
        await _engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task After_a_kill_and_a_takeover_by_two_new_instances_the_revocation_jtis_equal_a_fault_free_run()
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 120, Takeovers = 6, Seed = 4242 });
        var signIns = simulator.Generate().OrderBy(signIn => signIn.Time).ToList();
        // The crash falls inside a takeover, where a victim's revocation needs the attacker's events before it.
        var firstAttack = signIns.FindIndex(signIn => signIn.IsMalicious);
        var split = Enumerable.Range(firstAttack, signIns.Count - firstAttack).First(at => NeedsHistory(signIns, at));
        var (history, rest) = (signIns[..split], signIns[split..]);

        var first = StartInstance();
        await WaitForAssignmentAsync(first);
        Publish(history);
        await _reference.WaitForScoredAsync(history.Select(signIn => signIn.EventId), Timeout);
        await new CheckpointProgress(FaultyDatabase, _bootstrap, FaultyGroup + "-score", fixture.Topics.Events, partitions: 8).WaitUntilAtEndAsync(Timeout);

        Publish(rest);
        TopicReader.ReadUntil(_bootstrap, FaultyRevocations, messages => messages.Any(SecurityEventTokens.IsSessionRevoked), Timeout);
        first.Process.Kill();
        await first.Process.WaitForExitAsync();

        var second = StartInstance();
        await WaitForAssignmentAsync(second);
        var third = StartInstance();
        await WaitForAssignmentAsync(third);

        await _reference.WaitForScoredAsync(signIns.Select(signIn => signIn.EventId), Timeout);
        await _reference.WaitForRevocationsDeliveredAsync(Timeout);
        var expected = _reference.Revocations.Select(revocation => revocation.Token.Jti).ToHashSet();
        Assert.NotEmpty(expected);
        var actual = RevokedJtis(TopicReader.ReadUntil(_bootstrap, FaultyRevocations, messages => expected.IsSubsetOf(RevokedJtis(messages)), Timeout));

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Contains(_reference.Revocations, revocation => NeedsHistory(signIns, split, revocation.Trigger.IdentityId));
        // The assignment is logged before the restore, which may still be reading the database.
        await WaitForOutputAsync(third, "restored");
    }

    /// <summary>Whether some identity is revoked after <paramref name="split"/> only because of its sign-ins before it.</summary>
    private static bool NeedsHistory(List<SimulatedSignIn> signIns, int split) =>
        signIns.Where(signIn => signIn.IsMalicious).Select(signIn => signIn.IdentityId).Distinct().Any(identity => NeedsHistory(signIns, split, identity));

    private static bool NeedsHistory(List<SimulatedSignIn> signIns, int split, string identity)
    {
        var later = signIns[split..].Where(signIn => signIn.IdentityId == identity).ToList();
        var laterIds = later.Select(signIn => signIn.EventId).ToHashSet();
        return RevokingEvents(signIns.Where(signIn => signIn.IdentityId == identity)).Any(laterIds.Contains) && RevokingEvents(later).Count == 0;
    }

    /// <summary>The sign-ins of one identity that revoke it, scored in process on empty state with the default settings.</summary>
    private static List<string> RevokingEvents(IEnumerable<SimulatedSignIn> signIns)
    {
        var revoking = new List<string>();
        var options = new TrustOptions();
        var scorer = TrustScorer.Create(options, new ScoringContext(options));
        var policy = new TrustPolicy(options);
        var states = new IdentityStateStore(options);
        var records = new List<DecodedRecord>();
        foreach (var signIn in signIns)
        {
            records.Clear();
            new EntraSignInDecoder().Decode(signIn.Payload, records);
            var identityEvent = Assert.Single(records).Event!;
            var state = states.GetOrAdd(identityEvent.IdentityId);
            if (policy.Decide(scorer.Assess(identityEvent, state), identityEvent, state).Actions.HasFlag(TrustAction.RevokeSession))
            {
                revoking.Add(signIn.EventId);
            }
        }

        return revoking;
    }

    private static HashSet<string> RevokedJtis(IEnumerable<ConsumeResult<byte[]?, byte[]>> messages) =>
    [
        .. messages.Where(SecurityEventTokens.IsSessionRevoked)
            .Select(message => SecurityEventTokens.Claims(SecurityEventTokens.TokenOf(message)).GetProperty("jti").GetString()!),
    ];

    private void Publish(IEnumerable<SimulatedSignIn> signIns)
    {
        using var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = _bootstrap, LingerMs = 5 }, fixture.Topics.SignIns);
        publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
    }

    /// <summary>A scoring-only <c>riskengine run</c> of the faulty group, checkpointing every second, in a process of its own.</summary>
    private (Process Process, StringBuilder Output) StartInstance()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "riskengine.dll"), "run" },
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = _bootstrap,
            ["Kafka__ConsumerGroup"] = FaultyGroup,
            // As the engine sets for the embedded cluster it hosts: the killed instance leaves the group in 6 s, not 45.
            ["Kafka__Properties__session.timeout.ms"] = "6000",
            ["Kafka__Properties__heartbeat.interval.ms"] = "2000",
            ["Engine__Stages"] = "Score",
            ["Topics__Revocations"] = FaultyRevocations,
            ["Database__DataDirectory"] = FaultyDatabase,
            ["Checkpoints__Interval"] = "00:00:01",
            ["Audit__Enabled"] = "false",
            ["Signing__KeyFile"] = fixture.SigningKeyFile,
            ["Caep__Issuer"] = EngineFixture.Issuer,
            ["Caep__Audiences__0"] = EngineFixture.Audience,
            ["Http__Urls"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Information",
        })
        {
            start.Environment["RISKENGINE_" + name] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _instances.Add((process, output));
        return (process, output);
    }

    private static void Append(StringBuilder output, string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static Task WaitForAssignmentAsync((Process Process, StringBuilder Output) instance) => WaitForOutputAsync(instance, "scoring stage assigned");

    private static async Task WaitForOutputAsync((Process Process, StringBuilder Output) instance, string text)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!Read(instance.Output).Contains(text, StringComparison.Ordinal))
        {
            Assert.False(instance.Process.HasExited, Read(instance.Output));
            Assert.True(DateTime.UtcNow < deadline, Read(instance.Output));
            await Task.Delay(100);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
