using RiskEngine.Core.Events;

namespace RiskEngine.Sources;

/// <summary>
/// One record of a decoded message: a sign-in, a rejection with its reason, or a record of a kind the
/// engine does not score. <see cref="Raw"/> is the record's own bytes in the message, so a rejection can be
/// dead-lettered without losing its neighbours.
/// </summary>
public readonly record struct DecodedRecord(DecodeOutcome Outcome, SignInEvent? SignIn, string? Reason, int RecordIndex, Range Raw)
{
    /// <summary>The index used when the whole message, not one record of it, is meant.</summary>
    public const int WholeMessage = -1;

    public static DecodedRecord Accepted(SignInEvent signIn, int recordIndex, Range raw) =>
        new(DecodeOutcome.SignIn, signIn, null, recordIndex, raw);

    public static DecodedRecord Rejected(string reason, int recordIndex, Range raw) =>
        new(DecodeOutcome.Rejected, null, reason, recordIndex, raw);

    public static DecodedRecord Skipped(string kind, int recordIndex, Range raw) =>
        new(DecodeOutcome.Skipped, null, kind, recordIndex, raw);
}
