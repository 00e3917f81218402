using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using RiskEngine.Cli.Publishing;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Kafka;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Simulation;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Integration.Tests.Checkpoints;

/// <summary>
/// Checkpoints are written beside scoring, not in its way: while the database refuses them the engine scores on
/// and revokes, and once the database is back every partition is saved whole, since the increments it could not
/// store are in no checkpoint.
/// </summary>
[Collection(SharedEngine.Name)]
public sealed class CheckpointDatabaseFailureTests(EngineFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string Group = "checkpoint-failure";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private readonly TemporaryDirectory _database = new();
    private readonly EngineRecorder _recorder = new();
    private WebApplication _engine = null!;
    private string _bootstrap = string.Empty;

    public async Task InitializeAsync()
    {
        // A cluster of its own, so the checkpoints' offsets are of this test's events alone.
        _engine = await fixture.StartEngineAsync(string.Empty, Group, _recorder, new Dictionary<string, string?>
        {
            ["Database:DataDirectory"] = _database.Path,
            ["Checkpoints:Interval"] = "00:00:01",
            ["Audit:Enabled"] = "false",
        });
        _bootstrap = _engine.Services.GetRequiredService<KafkaConnection>().BootstrapServers;
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_database_that_refuses_checkpoints_stops_no_revocation_and_once_back_gets_every_partition_whole()
    {
        var simulator = new SignInSimulator(new SimulationOptions { Identities = 40, Takeovers = 2, Seed = 2611 });
        var signIns = simulator.Generate().OrderBy(signIn => signIn.Time).ToList();
        var firstAttack = signIns.FindIndex(signIn => signIn.IsMalicious);
        var (history, rest) = (signIns[..firstAttack], signIns[firstAttack..]);
        var progress = new CheckpointProgress(_database.Path, _bootstrap, Group + "-score", fixture.Topics.Events, partitions: 8);

        Publish(history);
        await _recorder.WaitForScoredAsync(history.Select(signIn => signIn.EventId), Timeout);
        await progress.WaitUntilAtEndAsync(Timeout);
        await ExecuteAsync("DROP TABLE identity_state_chunks");

        Publish(rest);
        await _recorder.WaitForScoredAsync(rest.Select(signIn => signIn.EventId), Timeout);
        await _recorder.WaitForRevocationsDeliveredAsync(Timeout);
        // Three intervals' saves, each refused.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var whileRefused = await progress.ReadAsync();

        var revoked = _recorder.Revocations.Select(revocation => revocation.Trigger.IdentityId).ToHashSet(StringComparer.Ordinal);
        Assert.All(simulator.Identities.Where(identity => identity.IsTakeoverVictim), victim => Assert.Contains(victim.IdentityId, revoked));
        Assert.False(_engine.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Contains(whileRefused, partition => partition.Checkpoint is { } checkpoint && checkpoint.NextOffset < partition.End);

        await using (var dialect = new SqliteDialect(DatabaseFile))
        {
            await new IdentityCheckpointStore(dialect, TimeProvider.System).EnsureSchemaAsync(CancellationToken.None);
        }

        await progress.WaitUntilAtEndAsync(Timeout, checkpoint => checkpoint.BaseOffset == checkpoint.NextOffset);
    }

    private string DatabaseFile => Path.Combine(_database.Path, "riskengine.db");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private void Publish(IEnumerable<SimulatedSignIn> signIns)
    {
        using var publisher = new SignInPublisher(new ProducerConfig { BootstrapServers = _bootstrap, LingerMs = 5 }, fixture.Topics.SignIns);
        publisher.Publish(signIns, eventsPerSecond: 0, beforeProduce: null, CancellationToken.None);
    }
}
