using System.Text.Json;

namespace RiskEngine.Sources;

/// <summary>
/// What every decoder does with a message it cannot read at all: whatever records it had appended are dropped
/// (none of them can be trusted) and one rejection of the whole message takes their place.
/// </summary>
public static class WholeMessageRejection
{
    /// <summary>
    /// The failures that mean "this message cannot be read": malformed JSON, a decoder's own
    /// <see cref="MessageRejectedException"/>, and the <see cref="InvalidOperationException"/> Utf8JsonReader
    /// throws when asked for a string holding a lone surrogate escape ("\ud800"), which is not Unicode text.
    /// </summary>
    public static bool Handles(Exception exception) =>
        exception is JsonException or MessageRejectedException or InvalidOperationException;

    /// <summary>Replaces the records appended since <paramref name="firstRecord"/> with one rejection for <paramref name="exception"/>.</summary>
    public static void Replace(List<DecodedRecord> records, int firstRecord, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(exception);
        records.RemoveRange(firstRecord, records.Count - firstRecord);
        records.Add(exception is MessageRejectedException rejected
            ? DecodedRecord.Rejected(rejected.Code, rejected.Message, DecodedRecord.WholeMessage, Range.All)
            : DecodedRecord.Rejected(RejectionCode.MalformedJson, $"not valid JSON: {exception.Message}", DecodedRecord.WholeMessage, Range.All));
    }
}
