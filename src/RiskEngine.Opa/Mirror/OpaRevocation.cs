namespace RiskEngine.Opa.Mirror;

/// <summary>
/// One revocation as the mirror takes it: a whole subject (the user, service or workload as the PEP's input
/// names it: an email, an <c>iss|sub</c> pair, a SPIFFE ID) when <see cref="Session"/> is null, else one session
/// of it. In force from <see cref="RevokedAt"/> until <see cref="ExpiresAt"/>, when the mirror removes it;
/// <see cref="Jti"/> names the SET that carried it.
/// </summary>
public sealed record OpaRevocation(string Subject, string? Session, DateTimeOffset RevokedAt, DateTimeOffset ExpiresAt, string Jti, string Reason)
{
    /// <summary>Where the entry lives: <c>sessions[Session]</c> when a session is named, else <c>subjects[Subject]</c>.</summary>
    public OpaEntryKey Key => string.IsNullOrEmpty(Session)
        ? new OpaEntryKey(OpaEntryKind.Subject, Subject)
        : new OpaEntryKey(OpaEntryKind.Session, Session);

    /// <summary>Whether this revocation should take the place of <paramref name="other"/> for the same key: the one in force longer wins, then the later one.</summary>
    public bool Supersedes(OpaRevocation other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ExpiresAt != other.ExpiresAt ? ExpiresAt > other.ExpiresAt : RevokedAt > other.RevokedAt;
    }
}
