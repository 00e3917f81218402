using System.Runtime.InteropServices;

namespace RiskEngine.Core.Hashing;

/// <summary>
/// 32-bit names for the values per-identity state remembers (countries, user agents, networks, sessions), so a
/// remembered value costs 4 bytes, not a string: XXH64 of the value, folded, the same in every process, for replays
/// (<c>SignInKeys</c> hashes each text of an event once). Among the handful of values one identity keeps, a 32-bit
/// collision (a new value taken for a known one) has odds of about one in 500 million per look-up.
/// </summary>
public static class StableHash
{
    /// <summary>What no value hashes to: an empty slot, or a field the event does not carry.</summary>
    public const uint None = 0;

    public static uint Of(UInt128 value) => Fold(XxHash64.Hash(MemoryMarshal.AsBytes(new ReadOnlySpan<UInt128>(in value))));

    /// <summary>The two halves of a 64-bit hash mixed into 32 bits, never <see cref="None"/>.</summary>
    public static uint Fold(ulong hash)
    {
        var folded = (uint)(hash ^ (hash >> 32));
        return folded == None ? 1 : folded;
    }
}
