namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// How a save of <see cref="Partition"/> at <see cref="NextOffset"/> ended: <see cref="Saved"/> when written; null
/// when the store kept another checkpoint (a later one, or not the one an increment followed) or the write failed
/// with <see cref="Failure"/>. <see cref="Capture"/> is the time the scoring thread spent serializing,
/// <see cref="Write"/> the time the database took.
/// </summary>
public sealed record CheckpointWrite(CheckpointPartition Partition, long NextOffset, bool Incremental, SavedCheckpoint? Saved, Exception? Failure, TimeSpan Capture, TimeSpan Write)
{
    /// <summary>
    /// The partition's changes since its last checkpoint are in no stored checkpoint: it must be saved again, and
    /// whole, for the identities this save marked saved. A whole save the store refused for a later one needs no
    /// retry: another instance has the partition.
    /// </summary>
    public bool MustSaveAgain => Failure is not null || (Saved is null && Incremental);

    /// <summary>The checkpoint now stored, which the partition's next increment follows.</summary>
    internal StoredCheckpoint? Stored { get; init; }
}
