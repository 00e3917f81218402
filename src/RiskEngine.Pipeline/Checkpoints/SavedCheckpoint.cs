namespace RiskEngine.Pipeline.Checkpoints;

/// <summary>What a save of a partition wrote: <see cref="Written"/> of its <see cref="Identities"/> identities, whole or incrementally.</summary>
public readonly record struct SavedCheckpoint(int Written, int Identities, bool Incremental);
