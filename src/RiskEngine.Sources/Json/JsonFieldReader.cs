using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace RiskEngine.Sources.Json;

/// <summary>
/// Reads one JSON value the way producers really write it: numbers sometimes as strings, "-" or "" for
/// "none". Each method expects the reader on a property name, moves to its value, and reports a type
/// mismatch as an error text (null on success) rather than throwing, so one bad field rejects one record.
/// </summary>
public static class JsonFieldReader
{
    public static string? ReadString(ref Utf8JsonReader reader, string field, out string? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (IsAbsent(ref reader))
                {
                    return null;
                }

                value = TryGetString(ref reader);
                return value is null ? $"{field}: expected a string, found bytes that are not UTF-8" : null;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                value = reader.HasValueSequence ? null : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected a string, found {found}";
        }
    }

    /// <summary>
    /// <see cref="ReadString(ref Utf8JsonReader, string, out string?)"/> for a value of few distinct values (a tenant,
    /// an application, a city): the string comes from <paramref name="cache"/>, allocated once per distinct value.
    /// </summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field, out string? value, Utf8StringCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (IsAbsent(ref reader))
                {
                    return null;
                }

                value = cache.GetOrAdd(ref reader);
                return value is null ? $"{field}: expected a string, found bytes that are not UTF-8" : null;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                value = reader.HasValueSequence ? null : cache.GetOrAdd(reader.ValueSpan);
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected a string, found {found}";
        }
    }

    /// <summary>
    /// A boolean: true or false, or the strings "true"/"false" (also capitalised) some pipelines write; null, "-" or
    /// "" for none.
    /// </summary>
    public static string? ReadBoolean(ref Utf8JsonReader reader, string field, out bool? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                value = true;
                return null;
            case JsonTokenType.False:
                value = false;
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.ValueTextEquals("true"u8) || reader.ValueTextEquals("True"u8):
                value = true;
                return null;
            case JsonTokenType.String when reader.ValueTextEquals("false"u8) || reader.ValueTextEquals("False"u8):
                value = false;
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected a boolean, found {found}";
        }
    }

    public static string? ReadInt32(ref Utf8JsonReader reader, string field, out int? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                value = number;
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue:
                // 1.0 and 2e3 are integers too, as JSON Schema's "integer" has it.
                value = (int)real;
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when TryParseInt32(ref reader, out var parsed):
                value = parsed;
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected an integer, found {found}";
        }
    }

    public static string? ReadDouble(ref Utf8JsonReader reader, string field, out double? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                value = number;
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when TryParseFinite(TryGetString(ref reader), out var parsed):
                value = parsed;
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected a finite number, found {found}";
        }
    }

    public static string? ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence && Iso8601.TryParseUtc(reader.ValueSpan, out var utc):
                value = utc;
                return null;
            case JsonTokenType.String when reader.TryGetDateTimeOffset(out var timestamp):
                value = timestamp.ToUniversalTime();
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected an ISO 8601 timestamp, found {found}";
        }
    }

    /// <summary>Reads an object value property by property through <paramref name="readProperty"/>.</summary>
    public static string? ReadObject<TFields>(ref Utf8JsonReader reader, string field, ref TFields fields, PropertyReader<TFields> readProperty)
        where TFields : struct
    {
        ArgumentNullException.ThrowIfNull(readProperty);
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var found = DescribeAndSkip(ref reader);
            return $"{field}: expected an object, found {found}";
        }

        string? error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var propertyError = readProperty(ref reader, ref fields);
            error ??= propertyError is null ? null : $"{field}.{propertyError}";
        }

        return error;
    }

    /// <summary>Skips the value of the property the reader is on.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// Reads an RFC 3339 timestamp as Go (and so OPA) writes it: <c>2024-05-01T12:00:00.123456789Z</c>, with
    /// anything from no fractional digits to nanoseconds (digits past the seventh, below .NET's 100 ns tick, are
    /// dropped) and an offset that is required: a time without one names no instant.
    /// </summary>
    public static string? ReadRfc3339Timestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when TryParseRfc3339(ref reader, out var timestamp):
                value = timestamp;
                return null;
            default:
                var found = DescribeAndSkip(ref reader);
                return $"{field}: expected an RFC 3339 timestamp, found {found}";
        }
    }

    /// <summary>
    /// Parses RFC 3339 <c>date-time</c> (<c>T</c>, <c>t</c> or a space between date and time; <c>Z</c>, <c>z</c>
    /// or <c>±hh:mm</c> after it, any offset RFC 3339 allows, beyond .NET's ±14 h too; any number of fractional
    /// digits, kept to 100 ns) into UTC.
    /// </summary>
    public static bool TryParseRfc3339(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 ||
            !TryDigits(text, 0, 4, out var year) || text[4] != '-' ||
            !TryDigits(text, 5, 2, out var month) || text[7] != '-' ||
            !TryDigits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ') ||
            !TryDigits(text, 11, 2, out var hour) || text[13] != ':' ||
            !TryDigits(text, 14, 2, out var minute) || text[16] != ':' ||
            !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && char.IsAsciiDigit((char)text[position]))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }

                digits++;
                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        TimeSpan offset;
        var zone = text[position..];
        if (zone.Length == 1 && zone[0] is (byte)'Z' or (byte)'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6 && zone[0] is (byte)'+' or (byte)'-' && zone[3] == ':' &&
                 TryDigits(zone, 1, 2, out var offsetHours) && TryDigits(zone, 4, 2, out var offsetMinutes) &&
                 offsetHours <= 23 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (zone[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    private static bool TryParseRfc3339(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (!reader.ValueIsEscaped)
        {
            return TryParseRfc3339(reader.ValueSpan, out value);
        }

        // An escaped timestamp ("\u002B02:00") is legal JSON; no real one, escaped, is longer than this.
        if (reader.ValueSpan.Length > 256)
        {
            value = default;
            return false;
        }

        Span<byte> scratch = stackalloc byte[reader.ValueSpan.Length];
        var length = reader.CopyString(scratch);
        return TryParseRfc3339(scratch[..length], out value);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }


    /// <summary>An integer written as a string ("50126", "+7"), escaped or not.</summary>
    internal static bool TryParseInt32(ref Utf8JsonReader reader, out int value)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length;
        }

        value = 0;
        return TryGetString(ref reader) is { } text &&
               int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>"-" or "": how producers write "none" in a string field.</summary>
    private static bool IsAbsent(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.ValueTextEquals("-"u8) || reader.ValueTextEquals(""u8);
        }

        var span = reader.ValueSpan;
        return span.Length == 0 || (span.Length == 1 && span[0] == (byte)'-');
    }

    /// <summary>The string the reader is on, or null when its bytes are not valid UTF-8 (which GetString throws for).</summary>
    internal static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryParseFinite(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Describes a token type for a structural error ("expected a JSON object, found an array").</summary>
    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>Describes the value the reader is on for an error text ("an array", "\"abc\""), and skips it.</summary>
    internal static string DescribeAndSkip(ref Utf8JsonReader reader)
    {
        var description = reader.TokenType switch
        {
            JsonTokenType.String => TryGetString(ref reader) is { } text ? $"\"{Truncate(text)}\"" : "bytes that are not UTF-8",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            _ => reader.TokenType.ToString(),
        };
        reader.Skip();
        return description;
    }

    private static string? Truncate(string? text) => text is { Length: > 40 } ? text[..40] + "..." : text;
}

/// <summary>Reads one property (the reader is on its name) into <paramref name="fields"/>; returns an error text or null.</summary>
public delegate string? PropertyReader<TFields>(ref Utf8JsonReader reader, ref TFields fields)
    where TFields : struct;
