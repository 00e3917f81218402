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
/// <remarks>
/// A save writes only the identities scored since the last one, onto the checkpoint this stage last saved or
/// restored, until those increments outweigh the whole save they follow or most identities changed: then it writes
/// the whole partition again. A restore so reads at most about twice the state, and a save of a partition of
/// millions of identities, most of them quiet, costs the few that were not.
/// </remarks>
public sealed class ScoringCheckpoints(IdentityCheckpointStore store, ScoringStage stage, int chunkBytes = IdentityCheckpoint.DefaultChunkBytes)
{
    private readonly Dictionary<int, StoredCheckpoint> _lastStored = [];

    /// <summary>Saves the partition's identities as the state after every input before <paramref name="nextOffset"/>.</summary>
    /// <returns>What was written, or null when the store holds a later checkpoint (another instance's) and kept it.</returns>
    public async Task<SavedCheckpoint?> SaveAsync(CheckpointPartition partition, long nextOffset, CancellationToken cancellationToken)
    {
        var states = stage.PartitionState(partition.Partition);
        if (states is null)
        {
            return Saved(partition, await store.SaveAsync(partition, nextOffset, IdentityCheckpoint.FormatVersion, 0, [], cancellationToken), 0, 0, incremental: false);
        }

        var changed = states.Changed.Count;
        if (_lastStored.GetValueOrDefault(partition.Partition) is { } last && last.IncrementBytes < last.BaseBytes && changed * 2 < states.Count
            && await store.AppendAsync(partition, last, nextOffset, states.Count, IdentityCheckpoint.WriteChunks(states.Changed, chunkBytes), cancellationToken) is { } appended)
        {
            states.MarkSaved();
            return Saved(partition, appended, changed, states.Count, incremental: true);
        }

        var whole = await store.SaveAsync(partition, nextOffset, IdentityCheckpoint.FormatVersion, states.Count, IdentityCheckpoint.WriteChunks(states.States, chunkBytes), cancellationToken);
        if (whole is not null)
        {
            states.MarkSaved();
        }

        return Saved(partition, whole, states.Count, states.Count, incremental: false);
    }

    /// <summary>
    /// Restores the partition's identities from its checkpoint, unless the checkpoint is past
    /// <paramref name="endOffset"/> (the partition's end: a checkpoint of another log, as of an embedded cluster since
    /// restarted). Returns the checkpoint, whose offset is where to consume from, or null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint cannot be used; the partition is left with no identities.</exception>
    public async Task<StoredCheckpoint?> RestoreAsync(CheckpointPartition partition, long endOffset, CancellationToken cancellationToken)
    {
        _lastStored.Remove(partition.Partition);
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

        _lastStored[partition.Partition] = checkpoint;
        return checkpoint;
    }

    private SavedCheckpoint? Saved(CheckpointPartition partition, StoredCheckpoint? stored, int written, int identities, bool incremental)
    {
        if (stored is null)
        {
            _lastStored.Remove(partition.Partition);
            return null;
        }

        _lastStored[partition.Partition] = stored;
        return new SavedCheckpoint(written, identities, incremental);
    }
}
