namespace RiskEngine.Pep.Tokens;

/// <summary>
/// A SET whose signature, <c>typ</c>, <c>iss</c> and <c>aud</c> checked out, reduced to what enforcement needs.
/// A complex subject with a user and no session means every session of that user.
/// </summary>
/// <param name="Jti">The SET's id, on which the engine and receivers de-duplicate.</param>
/// <param name="EventType">The one event type URI in <c>events</c>.</param>
/// <param name="User">The user concerned, if the subject names one.</param>
/// <param name="Session">The session concerned, if the subject names one.</param>
/// <param name="IssuedAt">The SET's <c>iat</c>.</param>
/// <param name="EventTime">The event's <c>event_timestamp</c>, or <c>iat</c> when it has none: sessions authenticated at or before it are concerned.</param>
/// <param name="Txn">The SET's <c>txn</c>, shared by every SET of one root cause.</param>
public sealed record VerifiedSecurityEvent(
    string Jti,
    string EventType,
    SubjectKey? User,
    SubjectKey? Session,
    DateTimeOffset IssuedAt,
    DateTimeOffset EventTime,
    string? Txn);
