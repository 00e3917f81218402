using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Revocations;

/// <summary>One revoked session, or every session of one user up to a moment.</summary>
/// <param name="Scope">A session, or all of a user's sessions.</param>
/// <param name="Subject">The session id or the user, as the SET named it.</param>
/// <param name="RevokedAt">The SET's <c>event_timestamp</c>.</param>
/// <param name="ExpiresAt"><paramref name="RevokedAt"/> plus <see cref="PepOptions.RevocationLifetime"/>.</param>
/// <param name="Jti">The SET that revoked it (the latest, when several did).</param>
public sealed record RevocationEntry(RevocationScope Scope, SubjectKey Subject, DateTimeOffset RevokedAt, DateTimeOffset ExpiresAt, string Jti);
