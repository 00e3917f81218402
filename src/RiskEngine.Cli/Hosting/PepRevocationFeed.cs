using RiskEngine.Opa.Mirror;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Subscription;

namespace RiskEngine.Cli.Hosting;

/// <summary>
/// Feeds the OPA mirror from an in-process PEP: the SET topic, every SET verified against the JWKS, as the PEP SDK's
/// <see cref="RevokedSet"/> holds it. So OPA hears exactly what every other PEP hears, and a restarted engine
/// rebuilds OPA's document from the topic. Expiries need no message: the mirror expires entries at the same time.
/// </summary>
internal sealed class PepRevocationFeed(RevocationSubscriber subscriber, RevokedSet revoked) : IRevocationFeed
{
    private const string Reason = "session-revoked";

    public async Task ConnectAsync(RevocationMirror mirror, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        await subscriber.CaughtUp.WaitAsync(cancellationToken);

        // Subscribed before the snapshot is taken, so a revocation landing in between is in one or both; applying it twice changes nothing.
        revoked.Changed += (_, change) =>
        {
            switch (change.Kind)
            {
                case RevocationChangeKind.Added:
                    mirror.Apply(ToOpa(change.Entry!));
                    break;
                case RevocationChangeKind.Reset:
                    mirror.ReplaceAll(revoked.Snapshot().Select(ToOpa));
                    break;
            }
        };
        mirror.ReplaceAll(revoked.Snapshot().Select(ToOpa));
    }

    private static OpaRevocation ToOpa(RevocationEntry entry)
    {
        var subject = entry.Subject.Issuer is { } issuer ? $"{issuer}|{entry.Subject.Value}" : entry.Subject.Value;
        return entry.Scope == RevocationScope.Session
            ? new OpaRevocation(subject, entry.Subject.Value, entry.RevokedAt, entry.ExpiresAt, entry.Jti, Reason)
            : new OpaRevocation(subject, Session: null, entry.RevokedAt, entry.ExpiresAt, entry.Jti, Reason);
    }
}
