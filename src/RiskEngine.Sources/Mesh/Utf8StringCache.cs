using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Hands out one shared string for UTF-8 values that recur line after line (workload identities, authorities,
/// user agents, pod addresses), so a mesh's few hundred distinct values stop costing a string per event.
/// A table of slots: a value may sit in one of two slots chosen by a hash of its bytes, a hit is a
/// byte-for-char comparison, and a miss makes the string and takes a slot. Safe to share between threads without locks: a slot holds
/// an immutable string or null, and a race only costs a string the table then forgets; a lookup never returns
/// a string other than the value's own. It changes no output, so a decoder that owns one stays stateless in
/// every way its callers can observe. Bounded: at most <c>size</c> strings of at most <c>maxLength</c> bytes.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly string?[] _slots;
    private readonly int _mask;
    private readonly int _maxLength;

    public Utf8StringCache(int size, int maxLength)
    {
        if (size <= 0 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "must be a power of two");
        }

        _slots = new string?[size];
        _mask = size - 1;
        _maxLength = maxLength;
    }

    /// <summary>The string of <paramref name="utf8"/>, shared with earlier calls for the same bytes when the table still has it.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // Two candidate slots from independent bits of the hash, so two hot values that share one slot do not
        // evict each other line after line. A new value takes the first slot while it is free, else the second.
        var hash = Hash(utf8);
        ref var first = ref _slots[(int)hash & _mask];
        ref var second = ref _slots[(int)(hash >> 32) & _mask];
        if ((Matches(Volatile.Read(ref first), utf8) ?? Matches(Volatile.Read(ref second), utf8)) is { } found)
        {
            return found;
        }

        var created = Encoding.UTF8.GetString(utf8);
        if (Volatile.Read(ref first) is null)
        {
            Volatile.Write(ref first, created);
        }
        else
        {
            Volatile.Write(ref second, created);
        }

        return created;
    }

    // Only ASCII values are ever found (a non-ASCII value has more bytes than chars), which is what identities,
    // host names, addresses and user agents almost always are.
    private static string? Matches(string? cached, ReadOnlySpan<byte> utf8) =>
        cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached) ? cached : null;

    /// <summary>
    /// A hash of every byte, 8 at a time (the last word overlapping its neighbour): SPIFFE IDs share long prefixes
    /// and Linkerd identities long suffixes, so no sample of a few bytes tells them apart. XXH64's round on each
    /// word, then its avalanche, so every input bit reaches the low bits the slot is taken from.
    /// </summary>
    private static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Prime1 = 0x9E3779B185EBCA87;
        const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
        const ulong Prime3 = 0x165667B19E3779F9;
        var hash = (ulong)utf8.Length * Prime1;
        if (utf8.Length >= 8)
        {
            for (var i = 0; i < utf8.Length - 8; i += 8)
            {
                hash = Round(hash, BinaryPrimitives.ReadUInt64LittleEndian(utf8[i..]));
            }

            hash = Round(hash, BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]));
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = Round(hash, b);
            }
        }

        hash ^= hash >> 33;
        hash *= Prime2;
        hash ^= hash >> 29;
        hash *= Prime3;
        hash ^= hash >> 32;
        return hash;

        static ulong Round(ulong hash, ulong word) => BitOperations.RotateLeft(hash + (word * Prime2), 31) * Prime1;
    }
}
