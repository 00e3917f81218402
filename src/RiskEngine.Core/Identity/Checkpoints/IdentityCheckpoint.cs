using System.Buffers;

namespace RiskEngine.Core.Identity.Checkpoints;

/// <summary>
/// Identity state in a compact binary form, for checkpoints: a store's identities written as chunks of about a
/// given size, each chunk a format byte followed by whole identities, so a checkpoint of millions of identities is
/// written and read a chunk at a time and never held as one buffer. No I/O: where the chunks go is the caller's.
/// </summary>
/// <remarks>
/// An identity costs its id and names in UTF-8, its numbers little-endian, and its inline histories (the
/// rare-attributes counts, the traffic series) byte for byte. <see cref="FormatVersion"/> changes with any change of
/// what is written; a chunk of another version is refused, and so is a sign-in history sized for other trust
/// options, and the identity then starts from empty state as it would without a checkpoint.
/// </remarks>
public static class IdentityCheckpoint
{
    public const byte FormatVersion = 1;

    /// <summary>The chunk size a checkpoint aims at when not told: large enough to amortize a row, small enough to hold.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    /// <summary>
    /// <paramref name="states"/> (a store's <see cref="IdentityStateStore.States"/>, or only its
    /// <see cref="IdentityStateStore.Changed"/>) as chunks of about <paramref name="chunkBytes"/> (a chunk ends after
    /// the identity that reaches the size). Enumerate it on the thread that owns the store, with no event scored between.
    /// </summary>
    public static IEnumerable<byte[]> WriteChunks(IEnumerable<IdentityState> states, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        return Chunks(states, chunkBytes);
    }

    /// <summary>One identity alone, with the format byte: what a test or a tool compares.</summary>
    public static byte[] Write(IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>(1024);
        Begin(buffer);
        state.WriteTo(new StateWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Restores every identity of a chunk into <paramref name="store"/>, each in place of any state of the same id, so
    /// that the chunks of incremental saves, read after those they follow, bring each identity up to date. Returns how many.
    /// </summary>
    /// <exception cref="InvalidDataException">The chunk is of another format version, truncated, or written for other trust options.</exception>
    public static int ReadChunk(ReadOnlySpan<byte> chunk, IdentityStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var reader = new StateReader(chunk);
        if (reader.AtEnd || reader.ReadByte() is var version && version != FormatVersion)
        {
            throw new InvalidDataException($"Identity checkpoint: a chunk of format {(chunk.IsEmpty ? "(empty)" : chunk[0])}, where this engine reads format {FormatVersion}.");
        }

        var count = 0;
        while (!reader.AtEnd)
        {
            store.Restore(ref reader);
            count++;
        }

        return count;
    }

    private static IEnumerable<byte[]> Chunks(IEnumerable<IdentityState> states, int chunkBytes)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(chunkBytes, DefaultChunkBytes) + 1024);
        foreach (var state in states)
        {
            if (buffer.WrittenCount == 0)
            {
                Begin(buffer);
            }

            state.WriteTo(new StateWriter(buffer));
            if (buffer.WrittenCount >= chunkBytes)
            {
                yield return buffer.WrittenSpan.ToArray();
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            yield return buffer.WrittenSpan.ToArray();
        }
    }

    private static void Begin(ArrayBufferWriter<byte> buffer) => new StateWriter(buffer).WriteByte(FormatVersion);
}
