using RiskEngine.Core.Events;

namespace RiskEngine.Sources;

/// <summary>
/// One record of a decoded message: an event, a rejection with its code and reason, or a record of a kind the
/// engine does not score. <see cref="Raw"/> is the record's own bytes in the message, so a rejection can be
/// dead-lettered without losing its neighbours; it is the whole message when the record's bytes are not a
/// slice of it (a record inside a gzip-compressed batch).
/// </summary>
public readonly record struct DecodedRecord(
    DecodeOutcome Outcome,
    IdentityEvent? Event,
    RejectionCode Code,
    string? Reason,
    int RecordIndex,
    Range Raw)
{
    /// <summary>The index used when the whole message, not one record of it, is meant.</summary>
    public const int WholeMessage = -1;

    public static DecodedRecord Accepted(IdentityEvent identityEvent, int recordIndex, Range raw) =>
        new(DecodeOutcome.Accepted, identityEvent, default, null, recordIndex, raw);

    public static DecodedRecord Rejected(RejectionCode code, string reason, int recordIndex, Range raw) =>
        new(DecodeOutcome.Rejected, null, code, reason, recordIndex, raw);

    /// <summary>A well-formed record of a kind that is not scored; <paramref name="kind"/> names it for the skip counter.</summary>
    public static DecodedRecord Skipped(string kind, int recordIndex, Range raw) =>
        new(DecodeOutcome.Skipped, null, default, kind, recordIndex, raw);
}
