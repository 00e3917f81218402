using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Sources.Json;

/// <summary>
/// Reads the plain scalar values <see cref="JsonCursor"/> finds in the bytes as <see cref="JsonFieldReader"/> reads
/// them from the reader, for the common cases only: each returns false for anything else (an error, a number
/// written as a string, an escape), which the reader-side handler then reads and judges.
/// </summary>
internal static class RawScalar
{
    public static bool TryReadText(ReadOnlySpan<byte> input, RawValue value, Utf8StringCache? cache, out string? text)
    {
        text = null;
        var bytes = input.Slice(value.Start, value.Length);
        switch (value.Type)
        {
            case JsonTokenType.String when IsAbsent(bytes):
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String or JsonTokenType.Number when cache is not null:
                text = cache.GetOrAdd(bytes);
                return text is not null;
            case JsonTokenType.Number:
                text = Encoding.UTF8.GetString(bytes);
                return true;
            case JsonTokenType.String:
                text = StrictUtf8.TryGetString(bytes);
                return text is not null;
            default:
                return false;
        }
    }

    public static bool TryReadInt32(ReadOnlySpan<byte> input, RawValue value, out int? number)
    {
        number = null;
        var bytes = input.Slice(value.Start, value.Length);
        switch (value.Type)
        {
            case JsonTokenType.String when IsAbsent(bytes):
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number or JsonTokenType.String when Utf8Parser.TryParse(bytes, out int parsed, out var consumed) && consumed == bytes.Length:
                number = parsed;
                return true;
            default:
                return false;
        }
    }

    public static bool TryReadDouble(ReadOnlySpan<byte> input, RawValue value, out double? number)
    {
        number = null;
        var bytes = input.Slice(value.Start, value.Length);
        switch (value.Type)
        {
            case JsonTokenType.String when IsAbsent(bytes):
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number when Utf8Parser.TryParse(bytes, out double parsed, out var consumed) && consumed == bytes.Length && double.IsFinite(parsed):
                number = parsed;
                return true;
            default:
                return false;
        }
    }

    public static bool TryReadBoolean(ReadOnlySpan<byte> input, RawValue value, out bool? flag)
    {
        flag = value.Type switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value.Type is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null ||
               (value.Type == JsonTokenType.String && IsAbsent(input.Slice(value.Start, value.Length)));
    }

    public static bool TryReadTimestamp(ReadOnlySpan<byte> input, RawValue value, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        switch (value.Type)
        {
            case JsonTokenType.String when IsAbsent(input.Slice(value.Start, value.Length)):
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String when Iso8601.TryParseUtc(input.Slice(value.Start, value.Length), out var utc):
                timestamp = utc;
                return true;
            case JsonTokenType.String:
                // The reader's own ISO 8601 parsing, over the string alone, quotes included.
                var reader = new Utf8JsonReader(input.Slice(value.Start - 1, value.Length + 2));
                if (reader.Read() && reader.TryGetDateTimeOffset(out var parsed))
                {
                    timestamp = parsed.ToUniversalTime();
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsAbsent(ReadOnlySpan<byte> text) => text.IsEmpty || (text.Length == 1 && text[0] == (byte)'-');
}
