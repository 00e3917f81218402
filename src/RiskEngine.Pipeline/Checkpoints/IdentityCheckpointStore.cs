using System.Data.Common;
using Dapper;
using RiskEngine.Storage;

namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// Per-partition checkpoints of identity state in the analysts' database, through Dapper, in SQL both SQLite and
/// PostgreSQL run. A partition's checkpoint is a row of <c>identity_state_checkpoints</c> (the input offset it
/// reflects, how many chunks and identities) and its chunks in <c>identity_state_chunks</c>, each about a megabyte of
/// whole identities: millions of identities are written and read a row at a time, never as one blob.
/// A whole save (<see cref="SaveAsync"/>) replaces the partition's chunks; an incremental one
/// (<see cref="AppendAsync"/>) adds chunks of the identities changed since and moves the offset, so a save costs
/// what changed. Each runs in one transaction, and one older than the stored checkpoint (a slow former owner of
/// the partition) is ignored.
/// </summary>
public sealed class IdentityCheckpointStore(ISqlDialect dialect, TimeProvider time)
{
    private const string Key = "consumer_group = @ConsumerGroup AND topic = @Topic AND partition_id = @Partition";

    public string Description => dialect.Description;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS identity_state_checkpoints (consumer_group TEXT NOT NULL, topic TEXT NOT NULL, partition_id INTEGER NOT NULL, " +
                "next_offset BIGINT NOT NULL, chunks BIGINT NOT NULL, identities BIGINT NOT NULL, format BIGINT NOT NULL, written_at_ms BIGINT NOT NULL, " +
                "base_offset BIGINT NOT NULL, base_bytes BIGINT NOT NULL, increment_bytes BIGINT NOT NULL, " +
                "PRIMARY KEY (consumer_group, topic, partition_id))",
            // base_offset ties the chunks to the whole save they start from or follow, so a reader never mixes two.
            $"CREATE TABLE IF NOT EXISTS identity_state_chunks (consumer_group TEXT NOT NULL, topic TEXT NOT NULL, partition_id INTEGER NOT NULL, " +
                $"chunk INTEGER NOT NULL, base_offset BIGINT NOT NULL, data {dialect.BinaryType} NOT NULL, PRIMARY KEY (consumer_group, topic, partition_id, chunk))",
        ],
        cancellationToken);

    /// <summary>The partition's checkpoint, or null when none was saved.</summary>
    public async Task<StoredCheckpoint?> FindAsync(CheckpointPartition partition, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await FindAsync(connection, partition, transaction: null, cancellationToken);
    }

    /// <summary>The chunks of <paramref name="checkpoint"/> in order, read one at a time.</summary>
    /// <exception cref="InvalidDataException">A chunk is missing: the checkpoint was replaced while it was read.</exception>
    public async IAsyncEnumerable<byte[]> ReadChunksAsync(
        CheckpointPartition partition,
        StoredCheckpoint checkpoint,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        for (var chunk = 0; chunk < checkpoint.Chunks; chunk++)
        {
            var data = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
                $"SELECT data FROM identity_state_chunks WHERE {Key} AND chunk = @chunk AND base_offset = @baseOffset",
                new { partition.ConsumerGroup, partition.Topic, partition.Partition, chunk, baseOffset = checkpoint.BaseOffset },
                cancellationToken: cancellationToken));
            yield return data ?? throw new InvalidDataException(
                $"Identity checkpoint of {partition} at offset {checkpoint.NextOffset}: chunk {chunk} of {checkpoint.Chunks} is gone; it was replaced while read.");
        }
    }

    /// <summary>
    /// Replaces the partition's checkpoint with <paramref name="chunks"/>, the whole state after every input before
    /// <paramref name="nextOffset"/>, enumerated (and so serialized) one chunk at a time inside the transaction.
    /// </summary>
    /// <returns>The checkpoint now stored, or null, with nothing written, when the stored one is of a later offset.</returns>
    public async Task<StoredCheckpoint?> SaveAsync(CheckpointPartition partition, long nextOffset, int format, long identities, IEnumerable<byte[]> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, partition, transaction, cancellationToken) is { } stored && stored.NextOffset > nextOffset)
        {
            return null;
        }

        await connection.ExecuteAsync(Command($"DELETE FROM identity_state_chunks WHERE {Key}", partition, transaction, cancellationToken));
        var (count, bytes) = await InsertChunksAsync(connection, transaction, partition, baseOffset: nextOffset, firstChunk: 0, chunks, cancellationToken);
        var saved = new StoredCheckpoint(nextOffset, count, identities, format, Now(), BaseOffset: nextOffset, BaseBytes: bytes, IncrementBytes: 0);
        await WriteHeaderAsync(connection, transaction, partition, saved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Adds to <paramref name="onto"/> (the checkpoint the caller last saved or restored) the <paramref name="chunks"/>
    /// of the identities changed since, making it the state after every input before <paramref name="nextOffset"/>.
    /// </summary>
    /// <returns>
    /// The checkpoint now stored, or null, with nothing written, when the store no longer holds <paramref name="onto"/>
    /// (another instance saved the partition since): then only a whole save can stand.
    /// </returns>
    public async Task<StoredCheckpoint?> AppendAsync(CheckpointPartition partition, StoredCheckpoint onto, long nextOffset, long identities, IEnumerable<byte[]> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onto);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfLessThan(nextOffset, onto.NextOffset);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, partition, transaction, cancellationToken) is not { } stored
            || (stored.NextOffset, stored.Chunks, stored.BaseOffset, stored.Format) != (onto.NextOffset, onto.Chunks, onto.BaseOffset, onto.Format))
        {
            return null;
        }

        var (count, bytes) = await InsertChunksAsync(connection, transaction, partition, stored.BaseOffset, firstChunk: stored.Chunks, chunks, cancellationToken);
        var saved = stored with
        {
            NextOffset = nextOffset,
            Chunks = stored.Chunks + count,
            Identities = identities,
            WrittenAt = Now(),
            IncrementBytes = stored.IncrementBytes + bytes,
        };
        await WriteHeaderAsync(connection, transaction, partition, saved, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private static async Task<StoredCheckpoint?> FindAsync(DbConnection connection, CheckpointPartition partition, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            "SELECT next_offset AS NextOffset, chunks AS Chunks, identities AS Identities, format AS Format, written_at_ms AS WrittenAtMs, " +
                $"base_offset AS BaseOffset, base_bytes AS BaseBytes, increment_bytes AS IncrementBytes FROM identity_state_checkpoints WHERE {Key}",
            partition,
            transaction,
            cancellationToken: cancellationToken));
        return row is null
            ? null
            : new StoredCheckpoint(row.NextOffset, (int)row.Chunks, row.Identities, (int)row.Format, DateTimeOffset.FromUnixTimeMilliseconds(row.WrittenAtMs), row.BaseOffset, row.BaseBytes, row.IncrementBytes);
    }

    private static async Task<(int Count, long Bytes)> InsertChunksAsync(
        DbConnection connection,
        DbTransaction transaction,
        CheckpointPartition partition,
        long baseOffset,
        int firstChunk,
        IEnumerable<byte[]> chunks,
        CancellationToken cancellationToken)
    {
        var (chunk, bytes) = (firstChunk, 0L);
        foreach (var data in chunks)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO identity_state_chunks (consumer_group, topic, partition_id, chunk, base_offset, data) " +
                    "VALUES (@ConsumerGroup, @Topic, @Partition, @chunk, @baseOffset, @data)",
                new { partition.ConsumerGroup, partition.Topic, partition.Partition, chunk = chunk++, baseOffset, data },
                transaction,
                cancellationToken));
            bytes += data.Length;
        }

        return (chunk - firstChunk, bytes);
    }

    private static async Task WriteHeaderAsync(DbConnection connection, DbTransaction transaction, CheckpointPartition partition, StoredCheckpoint checkpoint, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Command(
            "INSERT INTO identity_state_checkpoints (consumer_group, topic, partition_id, next_offset, chunks, identities, format, written_at_ms, base_offset, base_bytes, increment_bytes) " +
                "VALUES (@ConsumerGroup, @Topic, @Partition, @NextOffset, @Chunks, @Identities, @Format, @WrittenAtMs, @BaseOffset, @BaseBytes, @IncrementBytes) " +
                "ON CONFLICT (consumer_group, topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset, chunks = excluded.chunks, " +
                "identities = excluded.identities, format = excluded.format, written_at_ms = excluded.written_at_ms, base_offset = excluded.base_offset, " +
                "base_bytes = excluded.base_bytes, increment_bytes = excluded.increment_bytes",
            new
            {
                partition.ConsumerGroup,
                partition.Topic,
                partition.Partition,
                checkpoint.NextOffset,
                checkpoint.Chunks,
                checkpoint.Identities,
                checkpoint.Format,
                WrittenAtMs = checkpoint.WrittenAt.ToUnixTimeMilliseconds(),
                checkpoint.BaseOffset,
                checkpoint.BaseBytes,
                checkpoint.IncrementBytes,
            },
            transaction,
            cancellationToken));

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    // Milliseconds, as stored, so a checkpoint read back equals the one saved.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    private sealed record HeaderRow(long NextOffset, long Chunks, long Identities, long Format, long WrittenAtMs, long BaseOffset, long BaseBytes, long IncrementBytes);
}
