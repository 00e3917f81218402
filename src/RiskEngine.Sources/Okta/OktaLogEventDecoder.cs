using System.Text.Json;
using RiskEngine.Sources.Json;

namespace RiskEngine.Sources.Okta;

/// <summary>
/// Decodes Okta System Log <c>LogEvent</c>s in the three shapes a consumer receives: one LogEvent object (a
/// log-streaming or forwarder message), a JSON array of them (a page of <c>GET /api/v1/logs</c>), or an event
/// hook delivery <c>{"eventType":"com.okta.event_hook", ..., "data":{"events":[...]}}</c>. Each LogEvent of an
/// array or a delivery is its own record with its own bytes. Sign-ins, single sign-on, MFA challenges and
/// session ends are scored (see <see cref="OktaEventTypes"/>); every other well-formed LogEvent is skipped.
/// Forward-only over the UTF-8 bytes: no document is built.
/// </summary>
public sealed class OktaLogEventDecoder : IEventDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public SourceFormat Format => SourceFormat.Okta;

    /// <summary>Appends one <see cref="DecodedRecord"/> per LogEvent of <paramref name="message"/> to <paramref name="records"/>.</summary>
    public void Decode(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var firstRecord = records.Count;
        try
        {
            DecodeMessage(message, records);
        }
        catch (Exception ex) when (WholeMessageRejection.Handles(ex))
        {
            WholeMessageRejection.Replace(records, firstRecord, ex);
        }
    }

    private static void DecodeMessage(ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        var reader = new Utf8JsonReader(message, ReaderOptions);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                DecodeEvents(ref reader, records, "");
                break;
            case JsonTokenType.StartObject:
                DecodeObject(ref reader, records);
                break;
            default:
                throw new MessageRejectedException(
                    RejectionCode.WrongShape,
                    $"expected a LogEvent object, an array of LogEvents or an event hook delivery, found {JsonFieldReader.Describe(reader.TokenType)}");
        }

        // Utf8JsonReader refuses a second top-level value itself; this guards the end of the one value.
        if (reader.Read())
        {
            throw new MessageRejectedException(RejectionCode.MalformedJson, "trailing data after the JSON value");
        }
    }

    /// <summary>A top-level object: one LogEvent, or an event hook delivery whose <c>data.events</c> are decoded one by one.</summary>
    private static void DecodeObject(ref Utf8JsonReader reader, List<DecodedRecord> records)
    {
        var fields = default(LogEventFields);
        string? fieldError = null;
        var sawHookEvents = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                // LogEvents have no "data"; an event hook delivery carries its LogEvents in data.events.
                sawHookEvents |= DecodeHookData(ref reader, records);
                continue;
            }

            // Always read the value, even after an error, so the reader stays in step with the JSON.
            var error = LogEventFields.ReadProperty(ref reader, ref fields);
            fieldError ??= error;
        }

        if (sawHookEvents)
        {
            return;
        }

        if (fields.EventType == OktaEventTypes.EventHook)
        {
            throw new MessageRejectedException(RejectionCode.WrongShape, "an event hook delivery without a data.events array: no LogEvents to decode");
        }

        records.Add(fields.ToRecord(fieldError, DecodedRecord.WholeMessage, Range.All));
    }

    /// <summary>Reads the value of <c>data</c>; true when it held an <c>events</c> array, whose LogEvents are now decoded.</summary>
    private static bool DecodeHookData(ref Utf8JsonReader reader, List<DecodedRecord> records)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var sawEvents = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("events"u8))
            {
                JsonFieldReader.SkipValue(ref reader);
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new MessageRejectedException(
                    RejectionCode.WrongShape,
                    $"data.events must be an array of LogEvents, found {JsonFieldReader.Describe(reader.TokenType)}");
            }

            DecodeEvents(ref reader, records, "data.events");
            sawEvents = true;
        }

        return sawEvents;
    }

    /// <summary>Decodes each element of the array the reader is on as its own record, named <c>{path}[i]</c> in reasons.</summary>
    private static void DecodeEvents(ref Utf8JsonReader reader, List<DecodedRecord> records, string path)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var found = JsonFieldReader.Describe(reader.TokenType);
                reader.Skip();
                records.Add(DecodedRecord.Rejected(
                    RejectionCode.WrongShape,
                    $"{path}[{index}] must be a LogEvent object, found {found}",
                    index,
                    new Range(start, (int)reader.BytesConsumed)));
                index++;
                continue;
            }

            var fields = default(LogEventFields);
            string? fieldError = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var error = LogEventFields.ReadProperty(ref reader, ref fields);
                fieldError ??= error;
            }

            var record = fields.ToRecord(fieldError, index, new Range(start, (int)reader.BytesConsumed));
            records.Add(record.Outcome == DecodeOutcome.Rejected ? record with { Reason = $"{path}[{index}]: {record.Reason}" } : record);
            index++;
        }
    }
}
