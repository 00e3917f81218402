using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RiskEngine.Sources.Mesh;

/// <summary>
/// Reads the value the reader is on (it has already moved past the property name) the way proxies write them:
/// numbers as numbers or as strings, "-", "" or null for "none". Type mismatches come back as an error text
/// naming the field, never as an exception, and a value that is an object or array is left for the caller to
/// skip. Nothing here allocates on success, except to unescape a value written with escapes, which the
/// proxies never do for these fields.
/// </summary>
internal static class MeshJson
{
    /// <summary>True for null, "-" and "": the proxies' ways of writing "no value".</summary>
    public static bool IsAbsent(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => true,
        JsonTokenType.String => reader.ValueSpan.Length == 0 || (reader.ValueSpan.Length == 1 && reader.ValueSpan[0] == (byte)'-') ||
                                (reader.ValueIsEscaped && reader.ValueTextEquals("-"u8)),
        _ => false,
    };

    /// <summary>A string; keeps where it lies rather than making a string of it.</summary>
    public static string? ReadText(ref Utf8JsonReader reader, string field, out RawJsonValue value)
    {
        value = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (!IsAbsent(ref reader))
                {
                    value = RawJsonValue.Capture(ref reader);
                }

                return null;
            case JsonTokenType.Null:
                return null;
            default:
                return $"{field}: expected a string, found {Describe(ref reader)}";
        }
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>], as a number or a string of digits.</summary>
    public static string? ReadInt64(ref Utf8JsonReader reader, string field, long min, long max, string expected, out long? value)
    {
        value = null;
        long number;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out number):
                break;
            case JsonTokenType.Number when reader.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= long.MinValue and < long.MaxValue:
                // 200.0 is an integer to JSON Schema, so it is one here too.
                number = (long)real;
                break;
            case JsonTokenType.String when IsAbsent(ref reader):
                return null;
            case JsonTokenType.String:
                var text = Unescaped(ref reader);

                // No more digits than the largest value has, so "0200" is no status code (as the schemas say).
                if (IsDigits(text) && text.Length <= DigitCount(max) && Utf8Parser.TryParse(text, out number, out var consumed) && consumed == text.Length)
                {
                    break;
                }

                return $"{field}: expected {expected}, found {Describe(ref reader)}";
            default:
                return $"{field}: expected {expected}, found {Describe(ref reader)}";
        }

        if (number < min || number > max)
        {
            return $"{field}: expected {expected}, found {Describe(ref reader)}";
        }

        value = number;
        return null;
    }

    /// <summary>A finite, non-negative number, as a number or a string of digits with an optional fraction.</summary>
    public static string? ReadNonNegativeDouble(ref Utf8JsonReader reader, string field, string expected, out double? value)
    {
        value = null;
        double number;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out number):
                break;
            case JsonTokenType.String when IsAbsent(ref reader):
                return null;
            case JsonTokenType.String:
                var text = Unescaped(ref reader);
                if (IsDigits(text) && Utf8Parser.TryParse(text, out long whole, out var consumed) && consumed == text.Length)
                {
                    // Proxies write whole numbers; the integer parser is the faster path to them.
                    number = whole;
                    break;
                }

                if (IsDecimal(text) && Utf8Parser.TryParse(text, out number, out consumed) && consumed == text.Length)
                {
                    break;
                }

                return $"{field}: expected {expected}, found {Describe(ref reader)}";
            default:
                return $"{field}: expected {expected}, found {Describe(ref reader)}";
        }

        if (!double.IsFinite(number) || number < 0)
        {
            return $"{field}: expected {expected}, found {Describe(ref reader)}";
        }

        value = number;
        return null;
    }

    /// <summary>An RFC 3339 date-time ("2024-05-01T12:00:00.123Z", any fraction, Z or an offset), in UTC.</summary>
    public static string? ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
                return null;
            case JsonTokenType.String:
                if (Rfc3339.TryParse(Unescaped(ref reader), out var timestamp))
                {
                    value = timestamp;
                    return null;
                }

                return $"{field}: expected an RFC 3339 timestamp, found {Describe(ref reader)}";
            default:
                return $"{field}: expected an RFC 3339 timestamp, found {Describe(ref reader)}";
        }
    }

    /// <summary>Describes the value for an error message; short, and never the whole of a long string.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{Truncate(reader.GetString())}\"",
        JsonTokenType.Number => reader.ValueSpan.Length <= 24 ? Encoding.UTF8.GetString(reader.ValueSpan) : "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Null => "null",
        var other => other.ToString(),
    };

    /// <summary>The string's or property name's bytes without escapes: the reader's own span, or (rarely) an unescaped copy.</summary>
    public static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    /// <summary>Up to 18 digits: every such number fits a long, and the schemas' patterns say the same.</summary>
    private static bool IsDigits(ReadOnlySpan<byte> text) => text.Length is > 0 and <= 18 && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static int DigitCount(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }

    private static bool IsDecimal(ReadOnlySpan<byte> text)
    {
        var dot = text.IndexOf((byte)'.');
        return dot < 0 ? IsDigits(text) : IsDigits(text[..dot]) && IsDigits(text[(dot + 1)..]);
    }

    private static string? Truncate(string? text) => text is { Length: > 40 } ? string.Concat(text.AsSpan(0, 40), "...") : text;
}

/// <summary>
/// RFC 3339 date-times as the proxies write them: Envoy's %START_TIME% ("2024-05-01T12:00:00.123Z") and
/// Linkerd's nanosecond timestamps ("2022-08-23T20:33:42.321746212Z"). Exactly the grammar the published
/// schemas' pattern states: a full date and time with seconds, an optional fraction of any length (digits past
/// the 7th, below .NET's 100 ns tick, are dropped), and "Z" or a "+hh:mm"/"-hh:mm" offset.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            !TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day) ||
            !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute) || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        var rest = text[19..];
        long fractionTicks = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            var scale = (long)TimeSpan.TicksPerSecond;
            while (digits < rest.Length && (uint)(rest[digits] - '0') <= 9)
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (rest[digits] - '0') * scale;
                }

                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest is [(byte)'Z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
                 TryDigits(rest.Slice(1, 2), out var offsetHours) && TryDigits(rest.Slice(4, 2), out var offsetMinutes) &&
                 offsetHours <= 23 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        // A leap second (":60") is not representable; like most parsers we refuse it rather than guess.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
