using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RiskEngine.Sources.Json;

/// <summary>
/// A string value left where it is in the message until it turns out to be needed: a field that usually only
/// stands in for another (a diagnostic record's callerIpAddress behind its signIn's ipAddress) costs no
/// allocation when it is not used. Read as <see cref="JsonFieldReader.ReadString(ref Utf8JsonReader, string, out string?)"/>
/// reads: numbers as their text, null, "-" and "" as none, other values an error.
/// </summary>
public readonly struct DeferredText
{
    private const byte None = 0;
    private const byte Plain = 1;
    private const byte Escaped = 2;

    private readonly int _start;
    private readonly int _length;
    private readonly byte _kind;

    private DeferredText(int start, int length, byte kind) => (_start, _length, _kind) = (start, length, kind);

    public bool HasValue => _kind != None;

    /// <summary>Reads the value of the property the cursor's reader is on; returns an error text or null.</summary>
    public static string? Read(ref JsonCursor cursor, string field, out DeferredText value)
    {
        value = default;
        ref var reader = ref cursor.Reader;
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String when reader.HasValueSequence:
                return $"{field}: a value split across buffers is not supported";
            case JsonTokenType.String:
                var text = reader.ValueSpan;
                if (text.IsEmpty || (text.Length == 1 && text[0] == (byte)'-'))
                {
                    return null;
                }

                if (reader.ValueIsEscaped)
                {
                    if (JsonFieldReader.TryGetString(ref reader) is not { } unescaped)
                    {
                        return $"{field}: expected a string, found bytes that are not UTF-8";
                    }

                    if (unescaped is "" or "-")
                    {
                        return null;
                    }

                    value = new DeferredText(cursor.TokenStart, text.Length + 2, Escaped); // with its quotes
                    return null;
                }

                if (!Utf8.IsValid(text))
                {
                    return $"{field}: expected a string, found bytes that are not UTF-8";
                }

                value = new DeferredText(cursor.TokenStart + 1, text.Length, Plain);
                return null;
            case JsonTokenType.Number:
                value = new DeferredText(cursor.TokenStart, reader.ValueSpan.Length, Plain);
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                return $"{field}: expected a string, found {JsonFieldReader.DescribeAndSkip(ref reader)}";
        }
    }

    /// <summary>The scanner's counterpart of <see cref="Read"/>, for plain values; false to leave the value to it.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> input, RawValue value, out DeferredText text)
    {
        text = default;
        var bytes = input.Slice(value.Start, value.Length);
        switch (value.Type)
        {
            case JsonTokenType.String when bytes.IsEmpty || (bytes.Length == 1 && bytes[0] == (byte)'-'):
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String when Utf8.IsValid(bytes):
            case JsonTokenType.Number:
                text = new DeferredText(value.Start, value.Length, Plain);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The text, from the message <paramref name="input"/> it was read from; through <paramref name="cache"/> when given.</summary>
    public string? ToString(ReadOnlySpan<byte> input, Utf8StringCache? cache = null)
    {
        if (_kind == None)
        {
            return null;
        }

        var bytes = input.Slice(_start, _length);
        if (_kind == Plain)
        {
            return cache is null ? Encoding.UTF8.GetString(bytes) : cache.GetOrAdd(bytes);
        }

        // An escaped string, quotes included: a reader over it alone unescapes it.
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        return cache is null ? JsonFieldReader.TryGetString(ref reader) : cache.GetOrAdd(ref reader);
    }
}
