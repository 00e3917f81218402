using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Entra;

/// <summary>
/// Decodes Microsoft Entra ID sign-ins in both shapes a consumer receives: a Graph <c>signIn</c> object, or the
/// Azure Monitor diagnostic-settings envelope <c>{"records":[...]}</c> an Event Hub carries, keyed on each
/// record's <c>category</c> (<see cref="EntraCategories"/>). Forward-only over the UTF-8 bytes: no document is
/// built, the properties it does not read are skipped unread, and the strings of few distinct values are shared.
/// </summary>
public sealed class EntraSignInDecoder : IEventDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>The top level: a signIn's properties, or "records".</summary>
    private static readonly JsonPropertyTable<MessageFields> Message = new JsonPropertyTable<MessageFields>()
        .Add("records", static (ref JsonCursor c, ref MessageFields m) => DecodeRecords(ref c, ref m), null, ScanRecords)
        .Include(SignInFields.Properties, static (ref MessageFields m) => ref m.SignIn);

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
            // Malformed anywhere means we cannot trust any record of it: the whole message is dead-lettered. The
            // reader may have been restarted past skipped values, so its positions are taken from a plain reading.
            records.RemoveRange(firstRecord, records.Count - firstRecord);
            var reason = JsonCursor.DescribeSyntaxError(message, ReaderOptions) ?? ex.Message;
            records.Add(DecodedRecord.Rejected(RejectionCode.MalformedJson, $"not valid JSON: {reason}", DecodedRecord.WholeMessage, Range.All));
        }
        catch (MessageRejectedException ex)
        {
            // Refused on its shape before the end was read: if it is not JSON at all, that is what to say.
            records.RemoveRange(firstRecord, records.Count - firstRecord);
            records.Add(JsonCursor.DescribeSyntaxError(message, ReaderOptions) is { } syntaxError
                ? DecodedRecord.Rejected(RejectionCode.MalformedJson, $"not valid JSON: {syntaxError}", DecodedRecord.WholeMessage, Range.All)
                : DecodedRecord.Rejected(ex.Code, ex.Message, DecodedRecord.WholeMessage, Range.All));
        }
    }

    private static void DecodeMessage(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        var cursor = new JsonCursor(message, ReaderOptions);
        if (!cursor.Reader.Read() || cursor.Reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MessageRejectedException(
                RejectionCode.WrongShape,
                $"expected a JSON object (a Graph signIn, or a diagnostic-settings envelope {{\"records\":[...]}}), found {JsonFieldReader.Describe(cursor.Reader.TokenType)}");
        }

        var fields = new MessageFields { Records = records };
        var fieldErrors = Message.ReadObject(ref cursor, ref fields);
        EnsureFullyConsumed(ref cursor.Reader);
        if (fields.SawRecords)
        {
            return;
        }

        if (!fields.SignIn.LooksLikeSignIn)
        {
            throw new MessageRejectedException(
                RejectionCode.WrongShape,
                "JSON of the wrong shape: neither a Graph signIn (no id, createdDateTime or userId) nor a diagnostic-settings envelope (no records array)");
        }

        records.Add(fieldErrors is null
            ? fields.SignIn.ToIdentityEvent(EntraCategory.Absent, DecodedRecord.WholeMessage, Range.All)
            : DecodedRecord.Rejected(RejectionCode.InvalidField, fieldErrors, DecodedRecord.WholeMessage, Range.All));
    }

    private static string? DecodeRecords(ref JsonCursor cursor, ref MessageFields message)
    {
        cursor.Reader.Read();
        if (cursor.Reader.TokenType != JsonTokenType.StartArray)
        {
            throw new MessageRejectedException(RejectionCode.WrongShape, $"\"records\" must be an array, found {JsonFieldReader.Describe(cursor.Reader.TokenType)}");
        }

        message.BeginRecords(cursor.TokenStart);
        var records = message.Records!;
        var index = 0;
        while (cursor.Reader.Read() && cursor.Reader.TokenType != JsonTokenType.EndArray)
        {
            var start = cursor.TokenStart;
            if (cursor.Reader.TokenType != JsonTokenType.StartObject)
            {
                var found = JsonFieldReader.Describe(cursor.Reader.TokenType);
                cursor.Reader.Skip();
                records.Add(DecodedRecord.Rejected(
                    RejectionCode.WrongShape,
                    $"records[{index}] must be an object, found {found}",
                    index,
                    new Range(start, cursor.Position)));
                index++;
                continue;
            }

            var record = default(RecordFields);
            var fieldErrors = RecordFields.Table.ReadObject(ref cursor, ref record);
            records.Add(record.ToDecodedRecord(fieldErrors, cursor.Input, index, new Range(start, cursor.Position)));
            index++;
        }

        return null;
    }

    /// <summary>
    /// <see cref="DecodeRecords"/> from the bytes, record by record; when a record needs the reader (a field error, an
    /// escape, a record that is not an object), the records read so far are taken back and the reader does it all.
    /// </summary>
    private static int ScanRecords(ReadOnlySpan<byte> input, int start, int maxNesting, ref MessageFields message)
    {
        if (input[start] != (byte)'[' || maxNesting <= 1)
        {
            return -1;
        }

        message.BeginRecords(start);
        var records = message.Records!;
        var i = JsonSkipper.SkipWhiteSpace(input, start + 1);
        if ((uint)i < (uint)input.Length && input[i] == (byte)']')
        {
            return i + 1;
        }

        for (var index = 0; (uint)i < (uint)input.Length && input[i] == (byte)'{'; index++)
        {
            var record = default(RecordFields);
            var end = JsonCursor.ScanObject(RecordFields.Table, input, i, maxNesting - 1, ref record);
            if (end < 0)
            {
                break;
            }

            records.Add(record.ToDecodedRecord(null, input, index, new Range(i, end)));
            i = JsonSkipper.SkipWhiteSpace(input, end);
            if ((uint)i >= (uint)input.Length)
            {
                break;
            }

            if (input[i] == (byte)']')
            {
                return i + 1;
            }

            if (input[i] != (byte)',')
            {
                break;
            }

            i = JsonSkipper.SkipWhiteSpace(input, i + 1);
        }

        message.BeginRecords(start); // take them back: the reader decodes the array
        return -1;
    }

    private static void EnsureFullyConsumed(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, $"expected a property or the end of the object, found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        // Utf8JsonReader stops after the first value; anything after it other than white space is garbage.
        if (reader.Read())
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, "trailing data after the JSON object");
        }
    }

    /// <summary>What the top level of a message holds.</summary>
    private struct MessageFields
    {
        public List<DecodedRecord>? Records;
        public bool SawRecords;
        public SignInFields SignIn;
        private int _recordsAt;
        private int _countBefore;

        /// <summary>
        /// Starts the records of the array at <paramref name="arrayStart"/>; read again (by the reader, after the
        /// bytes could not be), the records it had given are taken back first.
        /// </summary>
        public void BeginRecords(int arrayStart)
        {
            if (SawRecords && arrayStart == _recordsAt)
            {
                Records!.RemoveRange(_countBefore, Records.Count - _countBefore);
                return;
            }

            (SawRecords, _recordsAt, _countBefore) = (true, arrayStart, Records!.Count);
        }
    }
}
