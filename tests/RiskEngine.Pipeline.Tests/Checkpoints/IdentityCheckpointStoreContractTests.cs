using RiskEngine.Pipeline.Checkpoints;
using RiskEngine.Storage;

namespace RiskEngine.Pipeline.Tests.Checkpoints;

/// <summary>What the checkpoint store must do, run against SQLite and PostgreSQL alike.</summary>
public abstract class IdentityCheckpointStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 30, 0, TimeSpan.Zero);
    private static readonly CheckpointPartition Partition = new("riskengine-score", "identity-events", 3);

    private protected abstract Task<ISqlDialect> CreateDatabaseAsync();

    private async Task<IdentityCheckpointStore> StoreAsync()
    {
        var store = new IdentityCheckpointStore(await CreateDatabaseAsync(), new FixedTime(Now));
        await store.EnsureSchemaAsync(CancellationToken.None);
        // Every start creates the schema again.
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    private static async Task<List<byte[]>> ReadAllAsync(IdentityCheckpointStore store, CheckpointPartition partition, StoredCheckpoint checkpoint)
    {
        var chunks = new List<byte[]>();
        await foreach (var chunk in store.ReadChunksAsync(partition, checkpoint, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    [Fact]
    public async Task A_partition_without_a_checkpoint_has_none()
    {
        var store = await StoreAsync();

        Assert.Null(await store.FindAsync(Partition, CancellationToken.None));
    }

    [Fact]
    public async Task A_checkpoint_reads_back_its_offset_and_chunks_in_order()
    {
        var store = await StoreAsync();
        byte[][] chunks = [[1, 2, 3], [.. Enumerable.Range(0, 300_000).Select(i => (byte)i)], [0]];

        Assert.True(await store.SaveAsync(Partition, nextOffset: 1234, format: 1, identities: 42, chunks, CancellationToken.None));
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(new StoredCheckpoint(1234, 3, 42, 1, Now), checkpoint);
        Assert.Equal(chunks, await ReadAllAsync(store, Partition, checkpoint!));
        Assert.Null(await store.FindAsync(Partition with { Partition = 4 }, CancellationToken.None));
        Assert.Null(await store.FindAsync(Partition with { ConsumerGroup = "other-score" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_later_checkpoint_replaces_every_chunk_of_the_earlier()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Partition, 100, 1, 3, [[1], [2], [3]], CancellationToken.None);

        Assert.True(await store.SaveAsync(Partition, 200, 1, 1, [[9]], CancellationToken.None));
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(200, checkpoint!.NextOffset);
        Assert.Equal([[9]], await ReadAllAsync(store, Partition, checkpoint));
    }

    [Fact]
    public async Task A_checkpoint_older_than_the_stored_one_is_ignored()
    {
        // A former owner of the partition, slow to flush, must not put an older state back.
        var store = await StoreAsync();
        await store.SaveAsync(Partition, 200, 1, 1, [[2]], CancellationToken.None);

        Assert.False(await store.SaveAsync(Partition, 100, 1, 1, [[1]], CancellationToken.None));
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(200, checkpoint!.NextOffset);
        Assert.Equal([[2]], await ReadAllAsync(store, Partition, checkpoint));
    }

    [Fact]
    public async Task Reading_a_replaced_checkpoint_fails_rather_than_mixing_two()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Partition, 100, 1, 2, [[1], [2]], CancellationToken.None);
        var earlier = await store.FindAsync(Partition, CancellationToken.None);
        await store.SaveAsync(Partition, 200, 1, 2, [[3], [4]], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(store, Partition, earlier!));
        Assert.Contains("chunk 0 of 2 is gone", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
