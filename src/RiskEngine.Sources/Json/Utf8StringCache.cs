using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Sources.Json;

/// <summary>
/// Interns the low-cardinality strings of a source (tenant ids, application and resource names, cities, operating
/// systems, risk levels) keyed by their UTF-8 bytes, so decoding the thousandth "Office 365" allocates nothing.
/// Direct-mapped and bounded: a fixed number of slots, each holding the last value that hashed to it, so memory
/// never grows with the input and a flood of distinct values only evicts (costing what not caching would).
/// Thread-safe without locks: a slot holds an immutable entry that is replaced whole.
/// </summary>
public sealed class Utf8StringCache
{
    // One seed per process, so nobody can choose inputs that collide in every deployment.
    private static readonly ulong Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;

    private readonly Entry?[] _slots;
    private readonly int _shift;
    private readonly int _maxLength;
    private readonly string _prefix;

    /// <param name="slots">How many values the cache holds at most; rounded up to a power of two.</param>
    /// <param name="maxLength">Longer values (in UTF-8 bytes) are not cached: they are decoded every time.</param>
    /// <param name="prefix">Prepended to every value the cache returns ("entra:" for skip counter kinds).</param>
    public Utf8StringCache(int slots = 1024, int maxLength = 128, string prefix = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        ArgumentNullException.ThrowIfNull(prefix);
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)slots);
        _slots = new Entry?[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        _maxLength = maxLength;
        _prefix = prefix;
    }

    /// <summary>
    /// The string <paramref name="utf8"/> decodes to (after the prefix), shared with every earlier call for the same
    /// bytes while it stays cached; null when the bytes are not valid UTF-8.
    /// </summary>
    public string? GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > _maxLength)
        {
            return Decode(utf8);
        }

        ref var slot = ref _slots[Hash(utf8) >> _shift];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = Decode(utf8);
        if (value is not null)
        {
            Volatile.Write(ref slot, new Entry(utf8.ToArray(), value));
        }

        return value;
    }

    /// <summary>
    /// The text of the string token <paramref name="reader"/> is on, cached by its raw bytes (an escaped value too:
    /// the same raw bytes always unescape to the same text); null when it is not valid UTF-8.
    /// </summary>
    public string? GetOrAdd(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence)
        {
            return JsonFieldReader.TryGetString(ref reader);
        }

        if (!reader.ValueIsEscaped)
        {
            return GetOrAdd(reader.ValueSpan);
        }

        var key = reader.ValueSpan;
        if (key.Length > _maxLength)
        {
            return JsonFieldReader.TryGetString(ref reader) is { } text ? _prefix + text : null;
        }

        ref var slot = ref _slots[Hash(key) >> _shift];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && key.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        if (JsonFieldReader.TryGetString(ref reader) is not { } unescaped)
        {
            return null;
        }

        var value = _prefix + unescaped;
        Volatile.Write(ref slot, new Entry(key.ToArray(), value));
        return value;
    }

    private string? Decode(ReadOnlySpan<byte> utf8) =>
        StrictUtf8.TryGetString(utf8) is { } text ? (_prefix.Length == 0 ? text : _prefix + text) : null;

    /// <summary>A multiply-xor hash over 8 bytes at a time; only its top bits are used.</summary>
    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        var hash = Seed ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15UL);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            hash = (hash ^ word) * 0x100000001B3UL;
            hash ^= hash >> 29;
        }

        ulong tail;
        if (bytes.Length >= sizeof(ulong))
        {
            // The last 8 bytes, overlapping the words already mixed in: no byte loop.
            tail = MemoryMarshal.Read<ulong>(bytes[^sizeof(ulong)..]);
        }
        else
        {
            tail = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                tail |= (ulong)bytes[i] << (8 * i);
            }
        }

        hash = (hash ^ tail) * 0x9E3779B97F4A7C15UL;
        return hash ^ (hash >> 32);
    }

    private sealed class Entry(byte[] utf8, string value)
    {
        public readonly byte[] Utf8 = utf8;
        public readonly string Value = value;
    }
}
