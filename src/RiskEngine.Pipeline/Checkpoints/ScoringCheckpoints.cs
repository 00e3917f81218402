using RiskEngine.Core.Identity;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// Checkpoints of a scoring stage's partitions in an <see cref="IdentityCheckpointStore"/>. The caller saves only at
/// a point where every output of the inputs before the offset it names has been acknowledged, so that a restored
/// state never holds a decision (an episode already revoked) whose SET was lost; and, having restored, consumes from
/// the checkpoint's offset, so the inputs after it are scored again into the restored state (their SETs again, with
/// the same ids). Runs on the thread that scores, between events.
/// </summary>
public sealed class ScoringCheckpoints(IdentityCheckpointStore store, ScoringStage stage, int chunkBytes = IdentityCheckpoint.DefaultChunkBytes)
{
    /// <summary>Saves the partition's identities as the state after every input before <paramref name="nextOffset"/>.</summary>
    /// <returns>The identities saved, or null when the store holds a later checkpoint (another instance's) and kept it.</returns>
    public async Task<int?> SaveAsync(CheckpointPartition partition, long nextOffset, CancellationToken cancellationToken)
    {
        var states = stage.PartitionState(partition.Partition);
        var chunks = states is null ? [] : IdentityCheckpoint.WriteChunks(states, chunkBytes);
        var count = states?.Count ?? 0;
        return await store.SaveAsync(partition, nextOffset, IdentityCheckpoint.FormatVersion, count, chunks, cancellationToken) ? count : null;
    }

    /// <summary>
    /// Restores the partition's identities from its checkpoint, unless the checkpoint is past
    /// <paramref name="endOffset"/> (the partition's end: a checkpoint of another log, as of an embedded cluster since
    /// restarted). Returns the checkpoint, whose offset is where to consume from, or null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint cannot be used; the partition is left with no identities.</exception>
    public async Task<StoredCheckpoint?> RestoreAsync(CheckpointPartition partition, long endOffset, CancellationToken cancellationToken)
    {
        var checkpoint = await store.FindAsync(partition, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }

        if (checkpoint.NextOffset > endOffset)
        {
            throw new InvalidDataException(
                $"Identity checkpoint of {partition} is at offset {checkpoint.NextOffset}, past the partition's end {endOffset}: it was taken from another log.");
        }

        IdentityStateStore states = stage.ResetPartition(partition.Partition);
        try
        {
            await foreach (var chunk in store.ReadChunksAsync(partition, checkpoint, cancellationToken))
            {
                IdentityCheckpoint.ReadChunk(chunk, states);
            }
        }
        catch (InvalidDataException)
        {
            stage.ForgetPartition(partition.Partition);
            throw;
        }

        return checkpoint;
    }
}
