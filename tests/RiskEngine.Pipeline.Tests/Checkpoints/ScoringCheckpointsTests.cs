using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Pipeline.Tests.Scoring;
using RiskEngine.Storage;
using RiskEngine.Testing;

namespace RiskEngine.Pipeline.Tests.Checkpoints;

/// <summary>
/// A scoring stage's partition checkpointed to SQLite and restored into a new stage, as after a crash: a
/// revocation that depends on events before the checkpoint is still made, with the SET id the first stage gave it.
/// </summary>
public sealed class ScoringCheckpointsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CheckpointPartition Partition = new("riskengine-score", "identity-events", 0);
    private static readonly Lazy<string> SigningKeyPem = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    });

    private readonly TemporaryDirectory _directory = new();
    private readonly SigningKeyProvider _keys = new(Options.Create(new SigningOptions()), NullLogger<SigningKeyProvider>.Instance, _ => SigningKeyPem.Value);
    private readonly ServiceProvider _services = new ServiceCollection()
        // 30 x 2.5 = 75 at the fifth failure of a burst: 100 - 75 = 25, below the revoke threshold 40.
        .AddOptions<TrustOptions>().Configure(trust => trust.Weights["failed-sign-in-burst"] = 2.5).Services
        .BuildServiceProvider();

    private readonly IdentityCheckpointStore _store;

    public ScoringCheckpointsTests()
    {
        _store = new IdentityCheckpointStore(new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db")), TimeProvider.System);
        _store.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _services.Dispose();
        _keys.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_restored_partition_revokes_on_history_from_before_the_checkpoint_with_the_same_jti()
    {
        using var original = Stage();
        using var restored = Stage();
        using var fresh = Stage();
        var (originalSink, restoredSink, freshSink) = (new RecordingSink(), new RecordingSink(), new RecordingSink());
        for (var i = 0; i < 3; i++)
        {
            original.Score(Partition.Partition, Failure(i), originalSink);
        }

        var saved = (await new ScoringCheckpoints(_store, original, chunkBytes: 4096).SaveAsync(Partition, nextOffset: 3, CancellationToken.None)).Saved;
        var checkpoint = await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 5, CancellationToken.None);

        Assert.Equal(new SavedCheckpoint(Written: 1, Identities: 1, Incremental: false), saved);
        Assert.Equal(3, checkpoint!.NextOffset);
        for (var i = 3; i < 5; i++)
        {
            original.Score(Partition.Partition, Failure(i), originalSink);
            restored.Score(Partition.Partition, Failure(i), restoredSink);
            fresh.Score(Partition.Partition, Failure(i), freshSink);
        }

        // The fifth failure of the burst revokes; without the first three, two failures are no burst.
        var revocation = Assert.Single(originalSink.SecurityEvents, e => e.Action == TrustAction.RevokeSession);
        Assert.Equal("failure-4", revocation.Trigger.EventId);
        Assert.Equal(
            originalSink.SecurityEvents.Select(e => e.Token.Jti),
            restoredSink.SecurityEvents.Select(e => e.Token.Jti));
        Assert.DoesNotContain(freshSink.SecurityEvents, e => e.Action == TrustAction.RevokeSession);
    }

    [Fact]
    public async Task Saves_after_the_first_write_only_the_identities_scored_since_until_whole_is_cheaper()
    {
        using var original = Stage();
        var sink = new RecordingSink();
        using var checkpoints = new ScoringCheckpoints(_store, original, chunkBytes: 4096);
        ScoreTenUsers(original, sink);

        var first = (await checkpoints.SaveAsync(Partition, nextOffset: 10, CancellationToken.None)).Saved;
        original.Score(Partition.Partition, Failure(10, "user-3"), sink);
        var second = (await checkpoints.SaveAsync(Partition, nextOffset: 11, CancellationToken.None)).Saved;
        original.Score(Partition.Partition, Failure(11, "user-3"), sink);
        original.Score(Partition.Partition, Failure(12, "user-7"), sink);
        var third = (await checkpoints.SaveAsync(Partition, nextOffset: 13, CancellationToken.None)).Saved;
        for (var i = 13; i < 19; i++)
        {
            original.Score(Partition.Partition, Failure(i, $"user-{i - 13}"), sink);
        }

        // Six of ten identities changed: more than half, so the whole partition is written again.
        var fourth = (await checkpoints.SaveAsync(Partition, nextOffset: 19, CancellationToken.None)).Saved;

        Assert.Equal(new SavedCheckpoint(10, 10, Incremental: false), first);
        Assert.Equal(new SavedCheckpoint(1, 10, Incremental: true), second);
        Assert.Equal(new SavedCheckpoint(2, 10, Incremental: true), third);
        Assert.Equal(new SavedCheckpoint(10, 10, Incremental: false), fourth);
        using var restored = Stage();
        var checkpoint = await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 19, CancellationToken.None);
        Assert.Equal(19, checkpoint!.NextOffset);
        Assert.Equal(checkpoint.BaseOffset, checkpoint.NextOffset);
        AssertSameIdentities(original, restored);
    }

    [Fact]
    public async Task A_partition_restored_from_increments_is_the_partition_that_saved_them()
    {
        using var original = Stage();
        var sink = new RecordingSink();
        using var checkpoints = new ScoringCheckpoints(_store, original, chunkBytes: 4096);
        ScoreTenUsers(original, sink);

        await checkpoints.SaveAsync(Partition, nextOffset: 10, CancellationToken.None);
        original.Score(Partition.Partition, Failure(10, "user-3"), sink);
        original.Score(Partition.Partition, Failure(11, "user-10"), sink);
        Assert.True((await checkpoints.SaveAsync(Partition, nextOffset: 12, CancellationToken.None)).Saved!.Value.Incremental);

        using var restored = Stage();
        var checkpoint = await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 12, CancellationToken.None);

        Assert.Equal((12L, 10L), (checkpoint!.NextOffset, checkpoint.BaseOffset));
        AssertSameIdentities(original, restored);
    }

    [Fact]
    public async Task After_another_instance_saved_the_partition_the_next_save_is_whole()
    {
        using var mine = Stage();
        using var theirs = Stage();
        var sink = new RecordingSink();
        using var myCheckpoints = new ScoringCheckpoints(_store, mine);
        for (var i = 0; i < 4; i++)
        {
            mine.Score(Partition.Partition, Failure(i, $"user-{i}"), sink);
            theirs.Score(Partition.Partition, Failure(i, $"user-{i}"), sink);
        }

        await myCheckpoints.SaveAsync(Partition, nextOffset: 4, CancellationToken.None);
        await new ScoringCheckpoints(_store, theirs).SaveAsync(Partition, nextOffset: 5, CancellationToken.None);
        mine.Score(Partition.Partition, Failure(5, "user-1"), sink);

        var saved = (await myCheckpoints.SaveAsync(Partition, nextOffset: 6, CancellationToken.None)).Saved;

        Assert.Equal(new SavedCheckpoint(4, 4, Incremental: false), saved);
    }

    [Fact]
    public async Task A_background_save_stores_the_state_it_was_begun_on_while_scoring_goes_on()
    {
        using var original = Stage();
        using var atCapture = Stage();
        var sink = new RecordingSink();
        using var checkpoints = new ScoringCheckpoints(_store, original, chunkBytes: 4096);
        ScoreTenUsers(original, sink);
        ScoreTenUsers(atCapture, new RecordingSink());

        Assert.True(checkpoints.TryBeginSave(Partition, nextOffset: 10));
        Assert.False(checkpoints.TryBeginSave(Partition, nextOffset: 10));
        original.Score(Partition.Partition, Failure(10, "user-3"), sink);
        original.Score(Partition.Partition, Failure(11, "user-10"), sink);
        var write = await checkpoints.CompleteAsync(Partition.Partition);

        Assert.Equal(new SavedCheckpoint(10, 10, Incremental: false), write!.Saved);
        Assert.Null(write.Failure);
        Assert.Empty(checkpoints.TakeCompleted());
        using var restored = Stage();
        Assert.Equal(10, (await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 12, CancellationToken.None))!.NextOffset);
        AssertSameIdentities(atCapture, restored);

        // The two identities scored during the write are the next increment.
        Assert.True(checkpoints.TryBeginSave(Partition, nextOffset: 12));
        Assert.Equal(new SavedCheckpoint(2, 11, Incremental: true), (await checkpoints.CompleteAsync(Partition.Partition))!.Saved);
    }

    [Fact]
    public async Task A_write_the_database_refuses_is_reported_and_the_next_save_is_whole()
    {
        using var original = Stage();
        var sink = new RecordingSink();
        using var checkpoints = new ScoringCheckpoints(_store, original, chunkBytes: 4096);
        ScoreTenUsers(original, sink);
        await checkpoints.SaveAsync(Partition, nextOffset: 10, CancellationToken.None);
        original.Score(Partition.Partition, Failure(10, "user-3"), sink);
        await DropChunksTableAsync();

        Assert.True(checkpoints.TryBeginSave(Partition, nextOffset: 11));
        var failed = await checkpoints.CompleteAsync(Partition.Partition);
        original.Score(Partition.Partition, Failure(11, "user-7"), sink);
        await _store.EnsureSchemaAsync(CancellationToken.None);
        var next = await checkpoints.SaveAsync(Partition, nextOffset: 12, CancellationToken.None);

        Assert.Null(failed!.Saved);
        Assert.Contains("identity_state_chunks", failed.Failure!.Message, StringComparison.Ordinal);
        Assert.True(failed.MustSaveAgain);
        // Only user-7 changed since the failed save, but user-3's change is in no stored checkpoint.
        Assert.Equal(new SavedCheckpoint(10, 10, Incremental: false), next.Saved);
        using var restored = Stage();
        await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 12, CancellationToken.None);
        AssertSameIdentities(original, restored);
    }

    [Fact]
    public async Task A_partition_without_a_checkpoint_restores_nothing()
    {
        using var stage = Stage();

        Assert.Null(await new ScoringCheckpoints(_store, stage).RestoreAsync(Partition, endOffset: 10, CancellationToken.None));
        Assert.Null(stage.PartitionState(Partition.Partition));
    }

    [Fact]
    public async Task A_checkpoint_past_the_end_of_the_partition_is_refused_and_leaves_no_state()
    {
        // As after the embedded cluster restarted empty: the offsets name another log.
        using var stage = Stage();
        stage.Score(Partition.Partition, Failure(0), new RecordingSink());
        await new ScoringCheckpoints(_store, stage).SaveAsync(Partition, nextOffset: 100, CancellationToken.None);
        using var next = Stage();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ScoringCheckpoints(_store, next).RestoreAsync(Partition, endOffset: 7, CancellationToken.None));
        Assert.Contains("offset 100, past the partition's end 7", error.Message, StringComparison.Ordinal);
        Assert.Null(next.PartitionState(Partition.Partition));
    }

    private async Task DropChunksTableAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, "riskengine.db")}");
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = "DROP TABLE identity_state_chunks";
        await drop.ExecuteNonQueryAsync();
    }

    private ScoringStage Stage()
    {
        var caep = new CaepOptions();
        return new ScoringStage(
            _services.GetRequiredService<IOptionsMonitor<TrustOptions>>(),
            new ScoringContext(),
            new SecurityEventTokenIssuer(Options.Create(caep), _keys, TimeProvider.System),
            caep);
    }

    private static void ScoreTenUsers(ScoringStage stage, RecordingSink sink)
    {
        for (var i = 0; i < 10; i++)
        {
            stage.Score(Partition.Partition, Failure(i, $"user-{i}"), sink);
        }
    }

    private static void AssertSameIdentities(ScoringStage expected, ScoringStage actual)
    {
        var (original, restored) = (expected.PartitionState(Partition.Partition)!, actual.PartitionState(Partition.Partition)!);
        Assert.Equal(original.Count, restored.Count);
        foreach (var state in original.States)
        {
            Assert.Equal(IdentityCheckpoint.Write(state), IdentityCheckpoint.Write(restored.GetOrAdd(state.IdentityId)));
        }
    }

    private static IdentityEvent Failure(int index, string identity = "user-1") => new()
    {
        EventId = $"failure-{index}",
        Timestamp = T0.AddSeconds(index * 10),
        IdentityId = identity,
        UserPrincipalName = "alice@contoso.example",
        SessionId = "sess-1",
        Succeeded = false,
        ErrorCode = 50126,
    };
}
