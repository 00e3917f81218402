using System.Data.Common;
using Dapper;
using RiskEngine.Storage;

namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// Per-partition checkpoints of identity state in the analysts' database, through Dapper, in SQL both SQLite and
/// PostgreSQL run. A partition's checkpoint is a row of <c>identity_checkpoints</c> (the input offset it reflects, how
/// many chunks and identities) and its chunks in <c>identity_checkpoint_chunks</c>, each chunk about a megabyte of
/// whole identities: millions of identities are written and read a row at a time, never as one blob, and a chunk is
/// small enough for either database to handle without streaming. A save replaces the partition's checkpoint in one
/// transaction; a save older than the stored one (a slow former owner of the partition) is ignored.
/// </summary>
public sealed class IdentityCheckpointStore(ISqlDialect dialect, TimeProvider time)
{
    private const string Key = "consumer_group = @ConsumerGroup AND topic = @Topic AND partition_id = @Partition";

    public string Description => dialect.Description;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => dialect.CreateSchemaAsync(
        [
            "CREATE TABLE IF NOT EXISTS identity_checkpoints (consumer_group TEXT NOT NULL, topic TEXT NOT NULL, partition_id INTEGER NOT NULL, " +
                "next_offset BIGINT NOT NULL, chunks BIGINT NOT NULL, identities BIGINT NOT NULL, format BIGINT NOT NULL, written_at_ms BIGINT NOT NULL, " +
                "PRIMARY KEY (consumer_group, topic, partition_id))",
            // next_offset ties the chunks to their checkpoint, so a reader never mixes the chunks of two.
            $"CREATE TABLE IF NOT EXISTS identity_checkpoint_chunks (consumer_group TEXT NOT NULL, topic TEXT NOT NULL, partition_id INTEGER NOT NULL, " +
                $"chunk INTEGER NOT NULL, next_offset BIGINT NOT NULL, data {dialect.BinaryType} NOT NULL, PRIMARY KEY (consumer_group, topic, partition_id, chunk))",
        ],
        cancellationToken);

    /// <summary>The partition's checkpoint, or null when none was saved.</summary>
    public async Task<StoredCheckpoint?> FindAsync(CheckpointPartition partition, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<HeaderRow>(new CommandDefinition(
            "SELECT next_offset AS NextOffset, chunks AS Chunks, identities AS Identities, format AS Format, written_at_ms AS WrittenAtMs " +
                $"FROM identity_checkpoints WHERE {Key}",
            partition,
            cancellationToken: cancellationToken));
        return row is null ? null : new StoredCheckpoint(row.NextOffset, (int)row.Chunks, row.Identities, (int)row.Format, DateTimeOffset.FromUnixTimeMilliseconds(row.WrittenAtMs));
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
                $"SELECT data FROM identity_checkpoint_chunks WHERE {Key} AND chunk = @chunk AND next_offset = @nextOffset",
                new { partition.ConsumerGroup, partition.Topic, partition.Partition, chunk, nextOffset = checkpoint.NextOffset },
                cancellationToken: cancellationToken));
            yield return data ?? throw new InvalidDataException(
                $"Identity checkpoint of {partition} at offset {checkpoint.NextOffset}: chunk {chunk} of {checkpoint.Chunks} is gone; it was replaced while read.");
        }
    }

    /// <summary>
    /// Replaces the partition's checkpoint with <paramref name="chunks"/>, the state after every input before
    /// <paramref name="nextOffset"/>, enumerated (and so serialized) one chunk at a time inside the transaction.
    /// </summary>
    /// <returns>False, with nothing written, when the stored checkpoint is of a later offset.</returns>
    public async Task<bool> SaveAsync(CheckpointPartition partition, long nextOffset, int format, long identities, IEnumerable<byte[]> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.ExecuteScalarAsync<long?>(Command($"SELECT next_offset FROM identity_checkpoints WHERE {Key}", partition, transaction, cancellationToken));
        if (stored > nextOffset)
        {
            return false;
        }

        await connection.ExecuteAsync(Command($"DELETE FROM identity_checkpoint_chunks WHERE {Key}", partition, transaction, cancellationToken));
        var count = 0;
        foreach (var data in chunks)
        {
            await connection.ExecuteAsync(Command(
                "INSERT INTO identity_checkpoint_chunks (consumer_group, topic, partition_id, chunk, next_offset, data) " +
                    "VALUES (@ConsumerGroup, @Topic, @Partition, @chunk, @nextOffset, @data)",
                new { partition.ConsumerGroup, partition.Topic, partition.Partition, chunk = count++, nextOffset, data },
                transaction,
                cancellationToken));
        }

        var header = new
        {
            partition.ConsumerGroup,
            partition.Topic,
            partition.Partition,
            nextOffset,
            chunks = count,
            identities,
            format,
            writtenAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        await connection.ExecuteAsync(Command(
            "INSERT INTO identity_checkpoints (consumer_group, topic, partition_id, next_offset, chunks, identities, format, written_at_ms) " +
                "VALUES (@ConsumerGroup, @Topic, @Partition, @nextOffset, @chunks, @identities, @format, @writtenAtMs) " +
                "ON CONFLICT (consumer_group, topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset, chunks = excluded.chunks, " +
                "identities = excluded.identities, format = excluded.format, written_at_ms = excluded.written_at_ms",
            header,
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private sealed record HeaderRow(long NextOffset, long Chunks, long Identities, long Format, long WrittenAtMs);
}
