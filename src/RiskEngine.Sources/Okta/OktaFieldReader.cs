using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Okta;

/// <summary>
/// The value readers the Okta decoder needs beyond <see cref="Json.JsonFieldReader"/>, with the same contract:
/// the reader is on a property name, moves to its value (skipping it when it is bad), and a type mismatch is an
/// error text, never an exception. Each accepts what <c>schemas/okta-log-event.schema.json</c> allows, but for
/// what a schema cannot state (a day that does not exist in its month, digits beyond int.MaxValue), which
/// OktaSchemaAgreementTests lists as gaps.
/// </summary>
internal static class OktaFieldReader
{
    /// <summary>The longest timestamp the grammar admits: 2024-03-01T08:00:00.123456789+14:00.</summary>
    private const int MaxTimestampLength = 35;

    /// <summary>The longest AS number: 2147483647.</summary>
    private const int MaxDigits = 10;

    /// <summary>How many bytes a JSON string of <c>n</c> characters can take written with \uXXXX escapes.</summary>
    private const int EscapedBytesPerCharacter = 6;

    /// <summary>
    /// An RFC 3339 timestamp with an explicit zone, the way Okta writes <c>published</c>
    /// (<c>2024-03-01T08:00:00.777Z</c>). A timestamp without a zone is refused rather than read as the host's
    /// local time, which would make the same event decode to different instants on different hosts.
    /// </summary>
    public static string? ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        reader.Read();
        value = null;
        if (reader.TokenType == JsonTokenType.Null ||
            (reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("-"u8) || reader.ValueTextEquals(""u8))))
        {
            return null;
        }

        Span<byte> text = stackalloc byte[MaxTimestampLength * EscapedBytesPerCharacter];
        if (reader.TokenType == JsonTokenType.String && TryCopyString(ref reader, text, out var length) &&
            IsZonedTimestamp(text[..length]) && reader.TryGetDateTimeOffset(out var timestamp))
        {
            value = timestamp.ToUniversalTime();
            return null;
        }

        return $"{field}: expected an RFC 3339 timestamp with a zone (2024-03-01T08:00:00.000Z), found {DescribeAndSkip(ref reader)}";
    }

    /// <summary>
    /// An autonomous system number: a JSON integer from 0 to <see cref="int.MaxValue"/> (written 64500, or
    /// 64500.0, which JSON Schema also counts as an integer), or the same digits as a string.
    /// </summary>
    public static string? ReadAutonomousSystemNumber(ref Utf8JsonReader reader, string field, out int? value)
    {
        reader.Read();
        value = null;
        Span<byte> text = stackalloc byte[MaxDigits * EscapedBytesPerCharacter];
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.ValueTextEquals("-"u8) || reader.ValueTextEquals(""u8):
                return null;
            case JsonTokenType.String when TryCopyString(ref reader, text, out var length) && TryParseDigits(text[..length], out var parsed):
                value = parsed;
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && number is >= 0 and <= int.MaxValue && Math.Floor(number) == number:
                value = (int)number;
                return null;
            default:
                return $"{field}: expected an AS number (an integer from 0 to 2147483647), found {DescribeAndSkip(ref reader)}";
        }
    }

    /// <summary>Describes the value the reader is on for an error text, and skips it.</summary>
    public static string DescribeAndSkip(ref Utf8JsonReader reader)
    {
        var description = reader.TokenType switch
        {
            JsonTokenType.String => $"\"{Truncate(reader.GetString())}\"",
            _ => JsonFieldReader.Describe(reader.TokenType),
        };
        reader.Skip();
        return description;
    }

    /// <summary>
    /// yyyy-MM-ddTHH:mm:ss, an optional fraction of 1 to 9 digits, and Z or ±hh:mm up to ±14:00: the same
    /// grammar as the schema's <c>timestamp</c> pattern. Whether the day exists in its month is left to the parser.
    /// </summary>
    private static bool IsZonedTimestamp(ReadOnlySpan<byte> text)
    {
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
            !AllDigits(text[..4]) ||
            !InRange(text.Slice(5, 2), 1, 12) || !InRange(text.Slice(8, 2), 1, 31) ||
            !InRange(text.Slice(11, 2), 0, 23) || !InRange(text.Slice(14, 2), 0, 59) || !InRange(text.Slice(17, 2), 0, 59))
        {
            return false;
        }

        var rest = text[19..];
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
            }

            if (digits is 1 or > 10)
            {
                return false;
            }

            rest = rest[digits..];
        }

        if (rest is [(byte)'Z'])
        {
            return true;
        }

        return rest.Length == 6 && (rest[0] is (byte)'+' or (byte)'-') && rest[3] == ':' &&
            InRange(rest.Slice(1, 2), 0, 14) && InRange(rest.Slice(4, 2), 0, 59) &&
            (rest[1] != '1' || rest[2] != '4' || (rest[4] == '0' && rest[5] == '0'));
    }

    private static bool InRange(ReadOnlySpan<byte> twoDigits, int min, int max)
    {
        if (!AllDigits(twoDigits))
        {
            return false;
        }

        var number = ((twoDigits[0] - '0') * 10) + (twoDigits[1] - '0');
        return number >= min && number <= max;
    }

    /// <summary>The string value unescaped into <paramref name="buffer"/>; false when it cannot fit, so it is too long anyway.</summary>
    private static bool TryCopyString(ref Utf8JsonReader reader, scoped Span<byte> buffer, out int length)
    {
        length = 0;
        if (reader.ValueSpan.Length > buffer.Length)
        {
            return false;
        }

        length = reader.CopyString(buffer);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > MaxDigits || !AllDigits(text))
        {
            return false;
        }

        long number = 0;
        foreach (var digit in text)
        {
            number = (number * 10) + (digit - '0');
        }

        if (number > int.MaxValue)
        {
            return false;
        }

        value = (int)number;
        return true;
    }

    private static string? Truncate(string? text) => text is { Length: > 40 } ? string.Concat(text.AsSpan(0, 40), "...") : text;
}
