namespace RiskEngine.Sources;

/// <summary>
/// Why input was refused, as a stable code: the dead-letter reason header carries it beside the human-readable
/// reason, and the dead-letter counter is kept per code, so operators can alert on one kind of bad input.
/// </summary>
public enum RejectionCode
{
    /// <summary>Not JSON, or JSON cut short.</summary>
    MalformedJson,

    /// <summary>Valid JSON, but not an event of the format the topic carries (another source's format, say).</summary>
    WrongShape,

    /// <summary>On a topic that detects formats per message: JSON no decoder recognises.</summary>
    UnknownFormat,

    /// <summary>A field of the wrong type or out of range: a status code "abc", a latitude of 200, NaN.</summary>
    InvalidField,

    /// <summary>The event names no identity to score.</summary>
    MissingIdentity,

    /// <summary>A field the event cannot be scored without (its id, its time) is absent.</summary>
    MissingField,

    /// <summary>Larger than the configured message limit.</summary>
    Oversized,

    /// <summary>Compressed input that is corrupt or inflates past the configured limit.</summary>
    BadCompression,

    /// <summary>Event time too far before the message's own time.</summary>
    EventTooOld,

    /// <summary>Event time too far after the message's own time.</summary>
    EventInFuture,
}
