using RiskEngine.Caep.Subjects;

namespace RiskEngine.Caep.Tokens;

/// <summary>
/// What every SET the engine issues says besides its event: whose sessions (user, and session when known), which
/// event caused it, when, and why. One cause can produce several SETs, one per <see cref="CaepEvent"/>.
/// </summary>
public sealed record SecurityEventCause
{
    /// <summary>The user's stable id (e.g. the Entra object id); also the Kafka message key, so per-user order holds.</summary>
    public required string IdentityId { get; init; }

    /// <summary>UPN or email if known; used as the subject only when it contains '@', since receivers match email subjects literally.</summary>
    public string? Email { get; init; }

    /// <summary>The session concerned; null or empty means every session of the user.</summary>
    public string? SessionId { get; init; }

    public required string TriggeringEventId { get; init; }

    /// <summary>
    /// The <c>sub_id</c>. Unless set, derived from <see cref="IdentityId"/>, <see cref="Email"/> and
    /// <see cref="SessionId"/>: a workload whose id is a SPIFFE ID is <c>{"format":"uri","uri":..}</c> when no session
    /// is known; otherwise <c>complex</c> with <c>user</c> = the email if it contains '@', else the identity id as
    /// <c>opaque</c> (the SPIFFE ID as <c>uri</c> for a workload), and <c>session</c> = the session id as <c>opaque</c>
    /// when known. A complex subject without a session means every session of the user (SSF §3, RFC 9493).
    /// </summary>
    public SubjectIdentifier Subject
    {
        get => field ?? DefaultSubject();
        init;
    }

    /// <summary>Event time of the triggering event, which becomes the CAEP <c>event_timestamp</c>.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>English text naming the signals; the interoperability profile requires a non-empty <c>reason_admin</c> on some events, we give it on all.</summary>
    public required string ReasonAdmin { get; init; }

    /// <summary>The SET <c>txn</c>, shared by every SET with the same root cause; null or empty means <see cref="TriggeringEventId"/>.</summary>
    public string? Txn { get; init; }

    private SubjectIdentifier DefaultSubject()
    {
        bool workload = UriSubject.IsSpiffeId(IdentityId);
        bool hasSession = !string.IsNullOrEmpty(SessionId);
        if (workload && !hasSession)
        {
            return new UriSubject(IdentityId);
        }

        SubjectIdentifier user = workload ? new UriSubject(IdentityId)
            : Email is { } email && email.Contains('@', StringComparison.Ordinal) ? new EmailSubject(email)
            : new OpaqueSubject(IdentityId);
        return new ComplexSubject(user, hasSession ? new OpaqueSubject(SessionId!) : null);
    }

    /// <summary>Throws for a value no receiver could act on; called before anything is signed.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(IdentityId);
        ArgumentException.ThrowIfNullOrEmpty(TriggeringEventId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ReasonAdmin);
    }
}
