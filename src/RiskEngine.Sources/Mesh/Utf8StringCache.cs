using System.Buffers.Binary;
using System.Text;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Hands out one shared string for UTF-8 values that recur line after line (workload identities, authorities,
/// user agents, pod addresses), so a mesh's few hundred distinct values stop costing a string per event.
/// A direct-mapped table: a value's slot is chosen by a hash of its bytes, a hit is a byte-for-char comparison,
/// and a miss makes the string and takes the slot. Safe to share between threads without locks: a slot holds
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

        ref var slot = ref _slots[Slot(utf8) & _mask];
        var cached = Volatile.Read(ref slot);

        // Only ASCII values are ever found (a non-ASCII value has more bytes than chars), which is what
        // identities, host names, addresses and user agents almost always are.
        if (cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var created = Encoding.UTF8.GetString(utf8);
        Volatile.Write(ref slot, created);
        return created;
    }

    /// <summary>A cheap mix of the length and up to 24 bytes from the start, middle and end: enough to spread SPIFFE IDs that share long prefixes.</summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        const ulong Prime = 0x9E3779B185EBCA87;
        var hash = (ulong)utf8.Length * Prime;
        if (utf8.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Prime;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[((utf8.Length / 2) - 4)..])) * Prime;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..])) * Prime;
        }
        else
        {
            foreach (var b in utf8)
            {
                hash = (hash ^ b) * Prime;
            }
        }

        return (int)(hash >> 40);
    }
}
