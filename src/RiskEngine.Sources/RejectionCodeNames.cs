namespace RiskEngine.Sources;

/// <summary>The kebab-case names of <see cref="RejectionCode"/> used in headers and metric tags.</summary>
public static class RejectionCodeNames
{
    public static string ToName(this RejectionCode code) => code switch
    {
        RejectionCode.MalformedJson => "malformed-json",
        RejectionCode.WrongShape => "wrong-shape",
        RejectionCode.UnknownFormat => "unknown-format",
        RejectionCode.InvalidField => "invalid-field",
        RejectionCode.MissingIdentity => "missing-identity",
        RejectionCode.MissingField => "missing-field",
        RejectionCode.Oversized => "oversized",
        RejectionCode.BadCompression => "bad-compression",
        RejectionCode.EventTooOld => "event-too-old",
        RejectionCode.EventInFuture => "event-in-future",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
