using System.Diagnostics;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Identity.Checkpoints;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// Checkpoints of a scoring stage's partitions in an <see cref="IdentityCheckpointStore"/>. The caller saves only at
/// a point where every output of the inputs before the offset it names has been acknowledged, so that a restored
/// state never holds a decision (an episode already revoked) whose SET was lost; and, having restored, consumes from
/// the checkpoint's offset, so the inputs after it are scored again into the restored state (their SETs again, with
/// the same ids). Every member but the background write runs on the thread that scores, between events.
/// </summary>
/// <remarks>
/// A save writes only the identities scored since the last one, onto the checkpoint this stage last saved or
/// restored, until those increments outweigh the whole save they follow or most identities changed: then it writes
/// the whole partition again. A restore so reads at most about twice the state, and a save of a partition of
/// millions of identities, most of them quiet, costs the few that were not.
/// <see cref="TryBeginSave"/> only serializes on the scoring thread and leaves the database, several times slower,
/// to a background write, so scoring neither waits for the database nor stops when it fails: a failed write is
/// reported by <see cref="TakeCompleted"/> and the partition saved whole next time. Writes go one at a time, so
/// the memory held is the captures waiting, and the database sees one writer.
/// </remarks>
public sealed class ScoringCheckpoints(IdentityCheckpointStore store, ScoringStage stage, int chunkBytes = IdentityCheckpoint.DefaultChunkBytes) : IDisposable
{
    private readonly Dictionary<int, StoredCheckpoint> _lastStored = [];
    private readonly Dictionary<int, Task<CheckpointWrite>> _writing = [];
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// Captures the partition's identities as the state after every input before <paramref name="nextOffset"/> and
    /// writes them in the background; false, capturing nothing, while an earlier save of the partition is unfinished.
    /// </summary>
    public bool TryBeginSave(CheckpointPartition partition, long nextOffset)
    {
        if (_writing.ContainsKey(partition.Partition))
        {
            return false;
        }

        var capture = Capture(partition, nextOffset);
        _writing[partition.Partition] = Task.Run(() => WriteAsync(capture, CancellationToken.None));
        return true;
    }

    /// <summary>The background saves that have ended since the last call, in no particular order.</summary>
    public IReadOnlyList<CheckpointWrite> TakeCompleted()
    {
        if (!_writing.Values.Any(write => write.IsCompleted))
        {
            return [];
        }

        return [.. _writing.Where(entry => entry.Value.IsCompleted).ToList().Select(entry => Completed(entry.Key, entry.Value))];
    }

    /// <summary>Waits for the partition's background save, if one is unfinished or unreported, and reports it.</summary>
    public async Task<CheckpointWrite?> CompleteAsync(int partition)
    {
        if (!_writing.TryGetValue(partition, out var write))
        {
            return null;
        }

        await ((Task)write).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Completed(partition, write);
    }

    /// <summary>
    /// Saves the partition's identities as the state after every input before <paramref name="nextOffset"/> and
    /// waits until they are written, after any background save of it (whose end is not reported); whole when an
    /// increment finds the checkpoint it follows replaced.
    /// </summary>
    /// <returns>How the save ended: <see cref="CheckpointWrite.Saved"/> is null when the store holds a later checkpoint (another instance's) or the write failed.</returns>
    public async Task<CheckpointWrite> SaveAsync(CheckpointPartition partition, long nextOffset, CancellationToken cancellationToken)
    {
        await CompleteAsync(partition.Partition);
        var write = Recorded(partition.Partition, await WriteAsync(Capture(partition, nextOffset), cancellationToken));
        return write.Incremental && write.Saved is null && write.Failure is null
            ? Recorded(partition.Partition, await WriteAsync(Capture(partition, nextOffset), cancellationToken))
            : write;
    }

    /// <summary>
    /// Restores the partition's identities from its checkpoint, unless the checkpoint is past
    /// <paramref name="endOffset"/> (the partition's end: a checkpoint of another log, as of an embedded cluster since
    /// restarted). Returns the checkpoint, whose offset is where to consume from, or null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The checkpoint cannot be used; the partition is left with no identities.</exception>
    public async Task<StoredCheckpoint?> RestoreAsync(CheckpointPartition partition, long endOffset, CancellationToken cancellationToken)
    {
        // A save of an earlier ownership must not name, once it ends, the checkpoint increments follow.
        await CompleteAsync(partition.Partition);
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

    /// <summary>Waits for the background writes still running, which would otherwise outlive their writer's lock.</summary>
    public void Dispose()
    {
        Task.WaitAll([.. _writing.Values]);
        _writer.Dispose();
    }

    private CheckpointCapture Capture(CheckpointPartition partition, long nextOffset)
    {
        var started = Stopwatch.GetTimestamp();
        var states = stage.PartitionState(partition.Partition);
        if (states is null)
        {
            return new CheckpointCapture(partition, nextOffset, Onto: null, 0, 0, [], Stopwatch.GetElapsedTime(started));
        }

        var changed = states.Changed.Count;
        var onto = _lastStored.GetValueOrDefault(partition.Partition) is { } last && last.IncrementBytes < last.BaseBytes && changed * 2 < states.Count ? last : null;
        var chunks = IdentityCheckpoint.WriteChunks(onto is null ? states.States : states.Changed, chunkBytes).ToList();

        // From here the identities' changes belong to the next save; should this one not be stored, that is whole.
        states.MarkSaved();
        _lastStored.Remove(partition.Partition);
        return new CheckpointCapture(partition, nextOffset, onto, onto is null ? states.Count : changed, states.Count, chunks, Stopwatch.GetElapsedTime(started));
    }

    private async Task<CheckpointWrite> WriteAsync(CheckpointCapture capture, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var stored = capture.Onto is { } onto
                ? await store.AppendAsync(capture.Partition, onto, capture.NextOffset, capture.Identities, capture.Chunks, cancellationToken)
                : await store.SaveAsync(capture.Partition, capture.NextOffset, IdentityCheckpoint.FormatVersion, capture.Identities, capture.Chunks, cancellationToken);
            return Write(capture, stored, failure: null, started);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Write(capture, stored: null, ex, started);
        }
        finally
        {
            _writer.Release();
        }
    }

    private static CheckpointWrite Write(CheckpointCapture capture, StoredCheckpoint? stored, Exception? failure, long started) => new(
        capture.Partition,
        capture.NextOffset,
        capture.Incremental,
        stored is null ? null : new SavedCheckpoint(capture.Written, capture.Identities, capture.Incremental),
        failure,
        capture.Took,
        Stopwatch.GetElapsedTime(started))
    {
        Stored = stored,
    };

    private CheckpointWrite Completed(int partition, Task<CheckpointWrite> write)
    {
        _writing.Remove(partition);
        return Recorded(partition, write.GetAwaiter().GetResult());
    }

    private CheckpointWrite Recorded(int partition, CheckpointWrite write)
    {
        if (write.Stored is { } stored)
        {
            _lastStored[partition] = stored;
        }

        return write;
    }
}
