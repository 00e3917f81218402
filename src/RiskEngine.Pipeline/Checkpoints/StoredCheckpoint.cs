namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// A partition's latest checkpoint: the identity state after every input before <see cref="NextOffset"/>, in
/// <see cref="Chunks"/> chunks read in order, with <see cref="Identities"/> identities in all, written at
/// <see cref="WrittenAt"/> (wall clock). The first chunks are a whole save at <see cref="BaseOffset"/>
/// (<see cref="BaseBytes"/>); the rest, <see cref="IncrementBytes"/> in all, hold the identities changed since.
/// </summary>
public sealed record StoredCheckpoint(
    long NextOffset,
    int Chunks,
    long Identities,
    int Format,
    DateTimeOffset WrittenAt,
    long BaseOffset,
    long BaseBytes,
    long IncrementBytes);
