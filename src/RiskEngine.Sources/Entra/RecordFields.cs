using System.Buffers.Text;
using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Entra;

/// <summary>
/// A diagnostic-settings record: its own fields, which stand in for missing signIn properties, its category, and
/// the signIn in its "properties".
/// </summary>
internal struct RecordFields
{
    public EntraCategory Category;
    public string? SkippedKind;
    public string? CategoryError;
    public DateTimeOffset? Time;
    public int? ResultType;
    public DeferredText ResultDescription;
    public string? TenantId;
    public DeferredText CallerIpAddress;
    public SignInFields Properties;

    public static readonly JsonPropertyTable<RecordFields> Table = new JsonPropertyTable<RecordFields>()
        .Add("category", static (ref JsonCursor c, ref RecordFields r) => ReadCategory(ref c.Reader, ref r), TryReadCategory)
        .Timestamp("time", static (ref RecordFields r) => ref r.Time)
        .Add("resultType", static (ref JsonCursor c, ref RecordFields r) => ReadResultType(ref c.Reader, out r.ResultType), TryReadResultType)
        .DeferredText("resultDescription", static (ref RecordFields r) => ref r.ResultDescription)
        .Text("tenantId", static (ref RecordFields r) => ref r.TenantId, EntraStrings.Names)
        .DeferredText("callerIpAddress", static (ref RecordFields r) => ref r.CallerIpAddress)
        .Add("properties", static (ref JsonCursor c, ref RecordFields r) => ReadProperties(ref c, ref r), TryReadNullProperties, TryReadProperties);

    /// <summary>The category, compared as bytes: a record of another category costs no string but its skip kind's, cached.</summary>
    private static string? ReadCategory(ref Utf8JsonReader reader, ref RecordFields record)
    {
        reader.Read();
        record.SkippedKind = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                record.Category = EntraCategory.Absent;
                return null;
            case JsonTokenType.String or JsonTokenType.Number:
                Span<byte> buffer = stackalloc byte[256];
                scoped var name = reader.ValueSpan;
                if (reader.ValueIsEscaped && name.Length <= buffer.Length)
                {
                    // Longer, it cannot unescape to one of the sign-in categories, and it stays an "other".
                    try
                    {
                        name = buffer[..reader.CopyString(buffer)];
                    }
                    catch (InvalidOperationException)
                    {
                        // An escape that is no text: not a sign-in category, and reported below as not UTF-8.
                    }
                }

                record.Category = name.IsEmpty || name is [(byte)'-'] ? EntraCategory.Absent : EntraCategories.Classify(name);
                if (record.Category != EntraCategory.Other)
                {
                    return null;
                }

                record.SkippedKind = EntraStrings.SkippedKinds.GetOrAdd(ref reader);
                if (record.SkippedKind is not null)
                {
                    return null;
                }

                record.Category = EntraCategory.Invalid;
                return record.CategoryError = "category: expected a string, found bytes that are not UTF-8";
            default:
                record.Category = EntraCategory.Invalid;
                return record.CategoryError = $"category: expected a string, found {JsonFieldReader.DescribeAndSkip(ref reader)}";
        }
    }

    /// <summary><see cref="ReadCategory"/> for a plain string, from the bytes.</summary>
    private static bool TryReadCategory(ReadOnlySpan<byte> input, RawValue value, ref RecordFields record)
    {
        if (value.Type != JsonTokenType.String)
        {
            return false;
        }

        var name = input.Slice(value.Start, value.Length);
        var category = name.IsEmpty || name is [(byte)'-'] ? EntraCategory.Absent : EntraCategories.Classify(name);
        var skippedKind = category == EntraCategory.Other ? EntraStrings.SkippedKinds.GetOrAdd(name) : null;
        if (category == EntraCategory.Other && skippedKind is null)
        {
            return false;
        }

        (record.Category, record.SkippedKind) = (category, skippedKind);
        return true;
    }

    /// <summary><see cref="ReadResultType"/> for a plain string or number, from the bytes.</summary>
    private static bool TryReadResultType(ReadOnlySpan<byte> input, RawValue value, ref RecordFields record)
    {
        var text = input.Slice(value.Start, value.Length);
        switch (value.Type)
        {
            case JsonTokenType.String:
                record.ResultType = Utf8Parser.TryParse(text, out int code, out var consumed) && consumed == text.Length ? code : null;
                return true;
            case JsonTokenType.Number when Utf8Parser.TryParse(text, out int number, out var used) && used == text.Length:
                record.ResultType = number;
                return true;
            case JsonTokenType.Null:
                record.ResultType = null;
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The result code as text ("0", "50126"); other text ("Success", in some categories) is not a code and is left
    /// for status.errorCode to give.
    /// </summary>
    private static string? ReadResultType(ref Utf8JsonReader reader, out int? code)
    {
        reader.Read();
        code = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                if (JsonFieldReader.TryParseInt32(ref reader, out var parsed))
                {
                    code = parsed;
                }

                return null;
            case JsonTokenType.Number:
                code = reader.TryGetInt32(out var number) ? number
                    : reader.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue ? (int)real
                    : null;
                return null;
            case JsonTokenType.Null:
                return null;
            default:
                return $"resultType: expected a string, found {JsonFieldReader.DescribeAndSkip(ref reader)}";
        }
    }

    /// <summary>The signIn; unread when the category, read before it, already says the record is not a sign-in.</summary>
    private static string? ReadProperties(ref JsonCursor cursor, ref RecordFields record)
    {
        if (record.Category == EntraCategory.Other)
        {
            cursor.SkipPropertyValue();
            return null;
        }

        cursor.Reader.Read();
        switch (cursor.Reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return SignInFields.Properties.ReadObject(ref cursor, ref record.Properties);
            case JsonTokenType.Null:
                return null;
            default:
                return $"properties: expected an object, found {JsonFieldReader.DescribeAndSkip(ref cursor.Reader)}";
        }
    }

    private static bool TryReadNullProperties(ReadOnlySpan<byte> input, RawValue value, ref RecordFields record) =>
        value.Type == JsonTokenType.Null || record.Category == EntraCategory.Other;

    /// <summary><see cref="ReadProperties"/> from the bytes.</summary>
    private static int TryReadProperties(ReadOnlySpan<byte> input, int start, int maxNesting, ref RecordFields record) =>
        record.Category == EntraCategory.Other ? JsonSkipper.SkipValue(input, start, maxNesting)
        : input[start] == (byte)'{' ? JsonCursor.ScanObject(SignInFields.Properties, input, start, maxNesting, ref record.Properties)
        : -1;

    /// <summary>The record's outcome: skipped for another category, rejected, or the sign-in.</summary>
    public DecodedRecord ToDecodedRecord(string? fieldErrors, ReadOnlySpan<byte> message, int index, Range raw)
    {
        switch (Category)
        {
            case EntraCategory.Absent:
                return DecodedRecord.Rejected(RejectionCode.MissingField, $"records[{index}] has no category: cannot tell a sign-in from another log", index, raw);
            case EntraCategory.Invalid:
                return DecodedRecord.Rejected(RejectionCode.InvalidField, $"records[{index}]: {CategoryError}", index, raw);
            case EntraCategory.Other:
                // Not a sign-in: whatever its fields hold is not ours to judge.
                return DecodedRecord.Skipped(SkippedKind!, index, raw);
        }

        if (fieldErrors is not null)
        {
            return DecodedRecord.Rejected(RejectionCode.InvalidField, $"records[{index}]: {fieldErrors}", index, raw);
        }

        Properties.ApplyEnvelope(this, message);
        var decoded = Properties.ToIdentityEvent(Category, index, raw);
        return decoded.Outcome == DecodeOutcome.Rejected
            ? decoded with { Reason = $"records[{index}]: {decoded.Reason}" }
            : decoded;
    }
}
