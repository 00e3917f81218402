namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// A partition's identities serialized on the scoring thread as they stood after every input before
/// <see cref="NextOffset"/>: <see cref="Written"/> of its <see cref="Identities"/>, onto <see cref="Onto"/> when an
/// increment, else whole. Once captured, the state may change again while the bytes are written.
/// </summary>
internal sealed record CheckpointCapture(CheckpointPartition Partition, long NextOffset, StoredCheckpoint? Onto, int Written, int Identities, IReadOnlyList<byte[]> Chunks, TimeSpan Took)
{
    public bool Incremental => Onto is not null;
}
