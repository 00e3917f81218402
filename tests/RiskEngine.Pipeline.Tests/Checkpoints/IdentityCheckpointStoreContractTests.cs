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

        var saved = await store.SaveAsync(Partition, nextOffset: 1234, format: 1, identities: 42, chunks, CancellationToken.None);
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        // 3 + 300,000 + 1 bytes.
        Assert.Equal(new StoredCheckpoint(1234, 3, 42, 1, Now, BaseOffset: 1234, BaseBytes: 300_004, IncrementBytes: 0), checkpoint);
        Assert.Equal(checkpoint, saved);
        Assert.Equal(chunks, await ReadAllAsync(store, Partition, checkpoint!));
        Assert.Null(await store.FindAsync(Partition with { Partition = 4 }, CancellationToken.None));
        Assert.Null(await store.FindAsync(Partition with { ConsumerGroup = "other-score" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_later_checkpoint_replaces_every_chunk_of_the_earlier()
    {
        var store = await StoreAsync();
        await store.SaveAsync(Partition, 100, 1, 3, [[1], [2], [3]], CancellationToken.None);

        Assert.NotNull(await store.SaveAsync(Partition, 200, 1, 1, [[9]], CancellationToken.None));
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

        Assert.Null(await store.SaveAsync(Partition, 100, 1, 1, [[1]], CancellationToken.None));
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

    [Fact]
    public async Task An_increment_adds_its_chunks_after_those_it_follows_and_moves_the_offset()
    {
        var store = await StoreAsync();
        var whole = await store.SaveAsync(Partition, 100, 1, 3, [[1, 1], [2, 2]], CancellationToken.None);

        var first = await store.AppendAsync(Partition, whole!, 150, 4, [[3]], CancellationToken.None);
        var second = await store.AppendAsync(Partition, first!, 180, 4, [[4, 4, 4], [5]], CancellationToken.None);
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(new StoredCheckpoint(180, 5, 4, 1, Now, BaseOffset: 100, BaseBytes: 4, IncrementBytes: 5), checkpoint);
        Assert.Equal(checkpoint, second);
        Assert.Equal([[1, 1], [2, 2], [3], [4, 4, 4], [5]], await ReadAllAsync(store, Partition, checkpoint!));
    }

    [Fact]
    public async Task An_increment_onto_a_checkpoint_the_store_no_longer_holds_is_refused()
    {
        // Another instance saved the partition since this one's last save: only a whole save can follow.
        var store = await StoreAsync();
        var mine = await store.SaveAsync(Partition, 100, 1, 1, [[1]], CancellationToken.None);
        await store.AppendAsync(Partition, mine!, 120, 1, [[2]], CancellationToken.None);

        Assert.Null(await store.AppendAsync(Partition, mine!, 130, 1, [[3]], CancellationToken.None));
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(120, checkpoint!.NextOffset);
        Assert.Equal([[1], [2]], await ReadAllAsync(store, Partition, checkpoint));
    }

    [Fact]
    public async Task A_whole_save_drops_the_increments_of_the_one_before()
    {
        var store = await StoreAsync();
        var whole = await store.SaveAsync(Partition, 100, 1, 1, [[1]], CancellationToken.None);
        var earlier = await store.AppendAsync(Partition, whole!, 120, 1, [[2], [3]], CancellationToken.None);

        await store.SaveAsync(Partition, 130, 1, 1, [[9]], CancellationToken.None);
        var checkpoint = await store.FindAsync(Partition, CancellationToken.None);

        Assert.Equal(new StoredCheckpoint(130, 1, 1, 1, Now, BaseOffset: 130, BaseBytes: 1, IncrementBytes: 0), checkpoint);
        Assert.Equal([[9]], await ReadAllAsync(store, Partition, checkpoint!));
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(store, Partition, earlier!));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
