using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
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

        var saved = await new ScoringCheckpoints(_store, original, chunkBytes: 4096).SaveAsync(Partition, nextOffset: 3, CancellationToken.None);
        var checkpoint = await new ScoringCheckpoints(_store, restored).RestoreAsync(Partition, endOffset: 5, CancellationToken.None);

        Assert.Equal(1, saved);
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

    private ScoringStage Stage()
    {
        var caep = new CaepOptions();
        return new ScoringStage(
            _services.GetRequiredService<IOptionsMonitor<TrustOptions>>(),
            new ScoringContext(),
            new SecurityEventTokenIssuer(Options.Create(caep), _keys, TimeProvider.System),
            caep);
    }

    private static IdentityEvent Failure(int index) => new()
    {
        EventId = $"failure-{index}",
        Timestamp = T0.AddSeconds(index * 10),
        IdentityId = "user-1",
        UserPrincipalName = "alice@contoso.example",
        SessionId = "sess-1",
        Succeeded = false,
        ErrorCode = 50126,
    };
}
