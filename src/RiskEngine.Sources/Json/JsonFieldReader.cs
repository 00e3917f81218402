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
                value = reader.ValueTextEquals("-"u8) || reader.ValueTextEquals(""u8) ? null : reader.GetString();
                return null;
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

    public static string? ReadInt32(ref Utf8JsonReader reader, string field, out int? value)
    {
        reader.Read();
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                value = number;
                return null;
            case JsonTokenType.String when IsAbsent(ref reader):
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when Utf8Parser.TryParse(reader.ValueSpan, out int parsed, out var consumed) && consumed == reader.ValueSpan.Length:
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
            case JsonTokenType.String when TryParseFinite(reader.GetString(), out var parsed):
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

    private static bool IsAbsent(ref Utf8JsonReader reader) => reader.ValueTextEquals("-"u8) || reader.ValueTextEquals(""u8);

    private static bool TryParseFinite(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string DescribeAndSkip(ref Utf8JsonReader reader)
    {
        var description = reader.TokenType switch
        {
            JsonTokenType.String => $"\"{Truncate(reader.GetString())}\"",
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
