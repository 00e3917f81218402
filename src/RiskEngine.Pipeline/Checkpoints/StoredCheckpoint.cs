namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>
/// A partition's latest checkpoint: the identity state after every input before <see cref="NextOffset"/>, in
/// <see cref="Chunks"/> chunks of <see cref="Identities"/> identities in all, written at <see cref="WrittenAt"/> (wall clock).
/// </summary>
public sealed record StoredCheckpoint(long NextOffset, int Chunks, long Identities, int Format, DateTimeOffset WrittenAt);
