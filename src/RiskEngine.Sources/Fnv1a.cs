namespace RiskEngine.Sources;

/// <summary>
/// 64-bit FNV-1a over bytes: the same algorithm (offset basis and prime) as
/// <c>RiskEngine.Core.Identity.DeviceFingerprint</c>, which hashes UTF-16 text, here over a record's raw bytes.
/// Used where a decoder must name an event its producer gave no id: the hash is the same in every process and
/// on every replay of the same bytes, unlike <see cref="HashCode"/>, which is seeded per process.
/// </summary>
public static class Fnv1a
{
    public const ulong OffsetBasis = 14695981039346656037;
    public const ulong Prime = 1099511628211;

    /// <summary>The FNV-1a hash of <paramref name="bytes"/>, continuing from <paramref name="hash"/>.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> bytes, ulong hash = OffsetBasis)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
