using System.Text.Json;
using RiskEngine.Core.Events;

namespace RiskEngine.Sources.Entra;

/// <summary>
/// Decodes Microsoft Entra ID sign-ins in both shapes a consumer receives: a Graph <c>signIn</c> object, or the
/// Azure Monitor diagnostic-settings envelope <c>{"records":[...]}</c> an Event Hub carries, keyed on each
/// record's <c>category</c>. Forward-only over the UTF-8 bytes: no document is built.
/// </summary>
public sealed class EntraSignInDecoder : IEventDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public SourceFormat Format => SourceFormat.Entra;

    /// <summary>Appends one <see cref="DecodedRecord"/> per record of <paramref name="message"/> to <paramref name="records"/>.</summary>
    public void Decode(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var firstRecord = records.Count;
        try
        {
            DecodeMessage(message, records);
        }
        catch (JsonException ex)
        {
            // Malformed anywhere means we cannot trust any record of it: the whole message is dead-lettered.
            records.RemoveRange(firstRecord, records.Count - firstRecord);
            records.Add(DecodedRecord.Rejected(RejectionCode.MalformedJson, $"not valid JSON: {ex.Message}", DecodedRecord.WholeMessage, Range.All));
        }
        catch (MessageRejectedException ex)
        {
            records.RemoveRange(firstRecord, records.Count - firstRecord);
            records.Add(DecodedRecord.Rejected(ex.Code, ex.Message, DecodedRecord.WholeMessage, Range.All));
        }
    }

    private static void DecodeMessage(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        var reader = new Utf8JsonReader(message, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MessageRejectedException(
                RejectionCode.WrongShape,
                $"expected a JSON object (a Graph signIn, or a diagnostic-settings envelope {{\"records\":[...]}}), found {Describe(reader.TokenType)}");
        }

        var fields = default(SignInFields);
        var sawRecords = false;
        var fieldErrors = (string?)null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("records"u8))
            {
                reader.Read();
                DecodeRecords(ref reader, records);
                sawRecords = true;
            }
            else
            {
                // Always read the value, even after an error, so the reader stays in step with the JSON.
                var error = SignInFields.ReadProperty(ref reader, ref fields);
                fieldErrors ??= error;
            }
        }

        EnsureFullyConsumed(ref reader);
        if (sawRecords)
        {
            return;
        }

        if (!fields.LooksLikeSignIn)
        {
            throw new MessageRejectedException(
                RejectionCode.WrongShape,
                "JSON of the wrong shape: neither a Graph signIn (no id, createdDateTime or userId) nor a diagnostic-settings envelope (no records array)");
        }

        records.Add(fieldErrors is null
            ? fields.ToSignInEvent(DecodedRecord.WholeMessage, Range.All)
            : DecodedRecord.Rejected(RejectionCode.InvalidField, fieldErrors, DecodedRecord.WholeMessage, Range.All));
    }

    private static void DecodeRecords(ref Utf8JsonReader reader, List<DecodedRecord> records)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new MessageRejectedException(RejectionCode.WrongShape, $"\"records\" must be an array, found {Describe(reader.TokenType)}");
        }

        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = Describe(reader.TokenType);
                reader.Skip();
                records.Add(DecodedRecord.Rejected(
                    RejectionCode.WrongShape,
                    $"records[{index}] must be an object, found {found}",
                    index,
                    new Range(start, (int)reader.BytesConsumed)));
                index++;
                continue;
            }

            records.Add(DecodeRecord(ref reader, index, start));
            index++;
        }
    }

    private static DecodedRecord DecodeRecord(ref Utf8JsonReader reader, int index, int start)
    {
        var fields = default(SignInFields);
        var envelope = default(RecordFields);
        string? fieldErrors = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("properties"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var error = SignInFields.ReadProperty(ref reader, ref fields);
                        fieldErrors ??= error;
                    }
                }
                else
                {
                    reader.Skip();
                    fieldErrors ??= "properties must be an object";
                }
            }
            else
            {
                var error = RecordFields.ReadProperty(ref reader, ref envelope);
                fieldErrors ??= error;
            }
        }

        var raw = new Range(start, (int)reader.BytesConsumed);
        if (fieldErrors is not null)
        {
            return DecodedRecord.Rejected(RejectionCode.InvalidField, $"records[{index}]: {fieldErrors}", index, raw);
        }

        if (envelope.Category is null)
        {
            return DecodedRecord.Rejected(RejectionCode.MissingField, $"records[{index}] has no category: cannot tell a sign-in from another log", index, raw);
        }

        if (!EntraCategories.IsSignIn(envelope.Category))
        {
            return DecodedRecord.Skipped(envelope.Category, index, raw);
        }

        fields.ApplyEnvelope(envelope);
        var decoded = fields.ToSignInEvent(index, raw);
        return decoded.Outcome == DecodeOutcome.Rejected
            ? decoded with { Reason = $"records[{index}]: {decoded.Reason}" }
            : decoded;
    }

    private static void EnsureFullyConsumed(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, $"expected a property or the end of the object, found {Describe(reader.TokenType)}");
        }

        // Utf8JsonReader stops after the first value; anything after it other than white space is garbage.
        if (reader.Read())
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, "trailing data after the JSON object");
        }
    }

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
}
