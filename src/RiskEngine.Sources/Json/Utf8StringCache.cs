using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RiskEngine.Sources.Json;

/// <summary>
/// Interns the strings of a source that recur event after event (tenant ids, application and resource names, cities,
/// operating systems, risk levels; a mesh's workload identities, authorities, addresses and user agents) keyed by
/// their UTF-8 bytes, so decoding the thousandth "Office 365" allocates nothing. Bounded: a table of slots holding
/// strings, a value in one of two slots chosen by a hash of its bytes, so two hot values that share one slot do not
/// evict each other event after event, and a flood of distinct values only evicts (costing what not caching would).
/// A hit compares the bytes with the string's characters, so a lookup touches the slot and the string only.
/// Thread-safe without locks: a slot holds an immutable string or null, and a race only costs a string the table
/// forgets; a lookup never returns a string other than the value's own.
/// </summary>
public sealed class Utf8StringCache
{
    // One seed per process, so nobody can choose inputs that collide in every deployment.
    private static readonly ulong Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) | 1;

    private const int MaxCachedLength = 1024;

    private readonly string?[] _slots;
    private readonly int _mask;
    private readonly int _maxLength;
    private readonly string _prefix;

    /// <param name="slots">How many values the cache holds at most; rounded up to a power of two.</param>
    /// <param name="maxLength">Longer values (in UTF-8 bytes) are not cached: they are decoded every time. At most 1,024.</param>
    /// <param name="prefix">Prepended to every value the cache returns ("entra:" for skip counter kinds).</param>
    public Utf8StringCache(int slots = 1024, int maxLength = 128, string prefix = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxCachedLength); // (compared on the stack)
        ArgumentNullException.ThrowIfNull(prefix);
        _slots = new string?[(int)BitOperations.RoundUpToPowerOf2((uint)slots)];
        _mask = _slots.Length - 1;
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

        var hash = Hash(utf8);
        ref var first = ref _slots[(int)(hash >> 32) & _mask];
        ref var second = ref _slots[(int)hash & _mask];
        if ((Matching(Volatile.Read(ref first), utf8) ?? Matching(Volatile.Read(ref second), utf8)) is { } found)
        {
            return found;
        }

        var value = Decode(utf8);
        if (value is not null)
        {
            // A new value takes the first slot while it is free, else the second.
            Volatile.Write(ref Volatile.Read(ref first) is null ? ref first : ref second, value);
        }

        return value;
    }

    /// <summary>
    /// The text of the string token <paramref name="reader"/> is on, cached by its unescaped bytes; null when it is
    /// not valid UTF-8.
    /// </summary>
    public string? GetOrAdd(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return GetOrAdd(reader.ValueSpan);
        }

        // Unescaped, a value is no longer than escaped.
        var escapedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (escapedLength <= _maxLength)
        {
            Span<byte> unescaped = stackalloc byte[(int)escapedLength];
            try
            {
                return GetOrAdd(unescaped[..reader.CopyString(unescaped)]);
            }
            catch (InvalidOperationException)
            {
                return null; // an escape that is no text
            }
        }

        return JsonFieldReader.TryGetString(ref reader) is { } text ? _prefix + text : null;
    }

    /// <summary><paramref name="cached"/> when it is the text of <paramref name="utf8"/> after the prefix (which every cached string starts with).</summary>
    private string? Matching(string? cached, ReadOnlySpan<byte> utf8)
    {
        if (cached is null)
        {
            return null;
        }

        var text = cached.AsSpan(_prefix.Length);
        if (text.Length == utf8.Length)
        {
            // As many characters as bytes: ASCII, what identifiers, names and addresses almost always are.
            return Ascii.Equals(utf8, text) ? cached : null;
        }

        return text.Length < utf8.Length && MatchesNonAscii(text, utf8) ? cached : null;
    }

    private static bool MatchesNonAscii(ReadOnlySpan<char> text, ReadOnlySpan<byte> utf8)
    {
        // A UTF-8 value has at most as many UTF-16 characters as bytes.
        Span<char> decoded = stackalloc char[utf8.Length];
        return Utf8.ToUtf16(utf8, decoded, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done &&
               decoded[..written].SequenceEqual(text);
    }

    private string? Decode(ReadOnlySpan<byte> utf8) =>
        StrictUtf8.TryGetString(utf8) is { } text ? (_prefix.Length == 0 ? text : _prefix + text) : null;

    /// <summary>A multiply-xor hash over 8 bytes at a time, then mixed whole; its two halves choose the two slots.</summary>
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

        // XXH64's avalanche: both halves choose a slot, so every input bit must reach the low bits as well as the high.
        hash ^= tail;
        hash ^= hash >> 33;
        hash *= 0xC2B2AE3D27D4EB4FUL;
        hash ^= hash >> 29;
        hash *= 0x165667B19E3779F9UL;
        return hash ^ (hash >> 32);
    }
}
