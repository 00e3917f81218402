using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Where a string (or number) value lies in the message, kept instead of a string while the line streams past,
/// so a field becomes a string only if the event needs it, and a path loses its query before it is one.
/// An escaped string keeps its whole token, quotes included, to be unescaped by a reader when materialised.
/// </summary>
internal readonly struct RawJsonValue
{
    private const byte None = 0;
    private const byte Plain = 1;
    private const byte Escaped = 2;

    private readonly int _start;
    private readonly int _length;
    private readonly byte _kind;

    private RawJsonValue(int start, int length, byte kind)
    {
        _start = start;
        _length = length;
        _kind = kind;
    }

    public bool IsPresent => _kind != None;

    /// <summary>The value the reader is on (a string or a number); the caller has already ruled out "-" and "".</summary>
    public static RawJsonValue Capture(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var length = reader.ValueSpan.Length;
        if (reader.ValueIsEscaped)
        {
            return new RawJsonValue(start, length + 2, Escaped);
        }

        // A string's value starts after its opening quote; a number's at its token.
        return new RawJsonValue(reader.TokenType == JsonTokenType.String ? start + 1 : start, length, Plain);
    }

    /// <summary>An HTTP method, as the shared string of a common one (no allocation) or a new string.</summary>
    public string? ToMethod(ReadOnlySpan<byte> message) => _kind switch
    {
        None => null,
        Plain => MeshText.Method(message.Slice(_start, _length)),
        _ => ToString(message),
    };

    /// <summary>The whole value as a string.</summary>
    public string? ToString(ReadOnlySpan<byte> message) => ToString(message, ValueShape.Whole);

    /// <summary>
    /// The part of the value <paramref name="shape"/> selects, as a string (from <paramref name="cache"/> when one
    /// is given); null when that part is empty.
    /// </summary>
    public string? ToString(ReadOnlySpan<byte> message, ValueShape shape, Utf8StringCache? cache = null) => _kind switch
    {
        None => null,
        Plain => MeshText.ToString(MeshText.Select(message.Slice(_start, _length), shape), cache),
        _ => EscapedToString(message.Slice(_start, _length), shape, cache),
    };

    /// <summary>
    /// Escaped values are rare (the proxies escape only quotes, backslashes and control characters), so they
    /// are unescaped apart, keeping the scratch buffer out of the common path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? EscapedToString(ReadOnlySpan<byte> token, ValueShape shape, Utf8StringCache? cache)
    {
        byte[]? rented = null;
        var scratch = token.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            var reader = new Utf8JsonReader(token);
            reader.Read();
            var unescaped = scratch[..reader.CopyString(scratch)];
            return MeshText.ToString(MeshText.Select(unescaped, shape), cache);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>Which part of a captured value becomes the event's field.</summary>
internal enum ValueShape
{
    Whole,

    /// <summary>The first of a comma-separated list (x_forwarded_for, several URI SANs), trimmed.</summary>
    FirstListItem,

    /// <summary>An address without its port: "10.1.2.3:8080" → "10.1.2.3", "[::1]:8080" → "::1".</summary>
    AddressWithoutPort,

    /// <summary>The first address of a list, without a port (x_forwarded_for).</summary>
    FirstAddress,

    /// <summary>The path of a request target without its query or fragment; an absolute URI's path alone.</summary>
    PathWithoutQuery,
}

/// <summary>Span helpers over UTF-8 text for the mesh decoders.</summary>
internal static class MeshText
{
    public static ReadOnlySpan<byte> Select(ReadOnlySpan<byte> value, ValueShape shape) => shape switch
    {
        ValueShape.FirstListItem => FirstListItem(value),
        ValueShape.AddressWithoutPort => WithoutPort(value.Trim((byte)' ')),
        ValueShape.FirstAddress => WithoutPort(FirstListItem(value)),
        ValueShape.PathWithoutQuery => PathWithoutQuery(value),
        _ => value,
    };

    public static string? ToString(ReadOnlySpan<byte> value, Utf8StringCache? cache) =>
        value.IsEmpty ? null : cache?.GetOrAdd(value) ?? Encoding.UTF8.GetString(value); // (not UTF-8: replaced, not cached)

    public static ReadOnlySpan<byte> FirstListItem(ReadOnlySpan<byte> value)
    {
        var comma = value.IndexOf((byte)',');
        return (comma < 0 ? value : value[..comma]).Trim((byte)' ');
    }

    /// <summary>
    /// "10.1.2.3:8080" → "10.1.2.3"; "[2001:db8::1]:8080" → "2001:db8::1"; an address with no port, or a bare
    /// IPv6 address (more than one colon and no brackets), stays as it is.
    /// </summary>
    public static ReadOnlySpan<byte> WithoutPort(ReadOnlySpan<byte> address)
    {
        if (address.Length > 0 && address[0] == (byte)'[')
        {
            var close = address.IndexOf((byte)']');
            return close < 0 ? address[1..] : address[1..close];
        }

        var colon = address.IndexOf((byte)':');
        return colon >= 0 && address[(colon + 1)..].IndexOf((byte)':') < 0 ? address[..colon] : address;
    }

    /// <summary>
    /// The path of a request target. Query strings carry tokens, codes, e-mail addresses and other personal data
    /// that must not travel on into events, state and SETs, so they are cut here, before any string exists.
    /// An absolute URI ("http://webapp:7000/books?id=1") gives its path ("/books"), or "/" when it has none;
    /// an authority-form target (CONNECT's "host:443") has no path and gives nothing.
    /// </summary>
    public static ReadOnlySpan<byte> PathWithoutQuery(ReadOnlySpan<byte> target)
    {
        var end = target.IndexOfAny((byte)'?', (byte)'#');
        if (end >= 0)
        {
            target = target[..end];
        }

        if (target.IsEmpty || target[0] == (byte)'/' || target is [(byte)'*'])
        {
            return target;
        }

        var scheme = target.IndexOf("://"u8);
        if (scheme < 0)
        {
            return default;
        }

        var afterAuthority = target[(scheme + 3)..];
        var slash = afterAuthority.IndexOf((byte)'/');
        return slash < 0 ? "/"u8 : afterAuthority[slash..];
    }

    /// <summary>The shared string of a common HTTP method, so the usual ones cost no allocation.</summary>
    public static string? Method(ReadOnlySpan<byte> method) => method.Length switch
    {
        0 => null,
        3 when method.SequenceEqual("GET"u8) => "GET",
        3 when method.SequenceEqual("PUT"u8) => "PUT",
        4 when method.SequenceEqual("POST"u8) => "POST",
        4 when method.SequenceEqual("HEAD"u8) => "HEAD",
        5 when method.SequenceEqual("PATCH"u8) => "PATCH",
        5 when method.SequenceEqual("TRACE"u8) => "TRACE",
        6 when method.SequenceEqual("DELETE"u8) => "DELETE",
        7 when method.SequenceEqual("OPTIONS"u8) => "OPTIONS",
        7 when method.SequenceEqual("CONNECT"u8) => "CONNECT",
        _ => Encoding.UTF8.GetString(method),
    };

    /// <summary>"{prefix}" followed by the 16 lower-case hex digits of <paramref name="hash"/>.</summary>
    public static string HashId(string prefix, ulong hash) =>
        string.Create(prefix.Length + 16, (prefix, hash), static (chars, state) =>
        {
            state.prefix.AsSpan().CopyTo(chars);
            var digits = chars[state.prefix.Length..];
            var value = state.hash;
            for (var i = digits.Length - 1; i >= 0; i--)
            {
                digits[i] = "0123456789abcdef"[(int)(value & 0xF)];
                value >>= 4;
            }
        });
}
