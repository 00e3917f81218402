using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RiskEngine.Pep.Tokens;

namespace RiskEngine.Pep.Revocations;

/// <summary>
/// The revoked sessions and users this PEP enforces, in memory, each until its <c>event_timestamp</c> plus
/// <see cref="PepOptions.RevocationLifetime"/>. Lookups (every request) are lock-free and allocate nothing and never
/// see an expired entry; changes are serialised and reported through <see cref="Changed"/> in the order they happen.
/// </summary>
public sealed class RevokedSet : IDisposable
{
    private readonly ConcurrentDictionary<string, RevocationEntry> _sessions = new(StringComparer.Ordinal);

    // Email subjects are matched as receivers match mailboxes in practice: a UPN's case varies between token and SET.
    private readonly ConcurrentDictionary<string, RevocationEntry> _emails = new(StringComparer.OrdinalIgnoreCase);

    // Opaque ids and URIs (SPIFFE IDs) both name a user by one string the token carries as its subject.
    private readonly ConcurrentDictionary<string, RevocationEntry> _userIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Issuer, string Subject), RevocationEntry> _issuerSubjects = new();
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ITimer _sweeper;

    public RevokedSet(IOptions<PepOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _lifetime = options.Value.RevocationLifetime;
        TimeSpan sweepInterval = options.Value.ExpirySweepInterval;
        _sweeper = time.CreateTimer(_ => RemoveExpired(), null, sweepInterval, sweepInterval);
    }

    /// <summary>
    /// Raised for every entry added or expired and for a reset, on the thread that made the change, while holding
    /// the write lock: handlers (an OPA mirror queueing an update) must be quick and must not change this set.
    /// </summary>
    public event EventHandler<RevocationChange>? Changed;

    /// <summary>Entries held, including any expired but not yet swept. Takes every dictionary's locks: for diagnostics, not per request.</summary>
    public int Count => _sessions.Count + _emails.Count + _userIds.Count + _issuerSubjects.Count;

    /// <summary>
    /// Revokes a session, or every session of a user authenticated at or before <paramref name="revokedAt"/>. Returns
    /// false when nothing changed: the revocation had already expired, or one at least as late holds.
    /// </summary>
    public bool Revoke(RevocationScope scope, SubjectKey subject, DateTimeOffset revokedAt, string jti)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject.Value);
        ArgumentException.ThrowIfNullOrEmpty(jti);
        var entry = new RevocationEntry(scope, subject, revokedAt, revokedAt + _lifetime, jti);
        if (entry.ExpiresAt <= _time.GetUtcNow())
        {
            return false;
        }

        lock (_writeLock)
        {
            bool changed = scope == RevocationScope.Session
                ? Upsert(_sessions, subject.Value, entry)
                : subject switch
                {
                    { Format: SubjectKey.Email } => Upsert(_emails, subject.Value, entry),
                    { Format: SubjectKey.IssSub, Issuer: { } issuer } => Upsert(_issuerSubjects, (issuer, subject.Value), entry),
                    _ => Upsert(_userIds, subject.Value, entry),
                };
            if (changed)
            {
                Changed?.Invoke(this, new RevocationChange(RevocationChangeKind.Added, entry));
            }

            return changed;
        }
    }

    public bool TryGetSession(string sessionId, out RevocationEntry entry) => TryGetLive(_sessions, sessionId, out entry);

    public bool TryGetUserByEmail(string email, out RevocationEntry entry) => TryGetLive(_emails, email, out entry);

    /// <summary>A user named by an <c>opaque</c> id or a <c>uri</c>.</summary>
    public bool TryGetUserById(string userId, out RevocationEntry entry) => TryGetLive(_userIds, userId, out entry);

    public bool TryGetUserByIssuerAndSubject(string issuer, string subject, out RevocationEntry entry) =>
        TryGetLive(_issuerSubjects, (issuer, subject), out entry);

    /// <summary>Every entry still in force, for a mirror's full resync.</summary>
    public IReadOnlyList<RevocationEntry> Snapshot()
    {
        DateTimeOffset now = _time.GetUtcNow();
        return [.. _sessions.Values.Concat(_emails.Values).Concat(_userIds.Values).Concat(_issuerSubjects.Values).Where(entry => entry.ExpiresAt > now)];
    }

    /// <summary>Removes expired entries and reports each; runs every <see cref="PepOptions.ExpirySweepInterval"/>.</summary>
    public int RemoveExpired()
    {
        DateTimeOffset now = _time.GetUtcNow();
        lock (_writeLock)
        {
            return RemoveExpired(_sessions, now) + RemoveExpired(_emails, now) + RemoveExpired(_userIds, now) + RemoveExpired(_issuerSubjects, now);
        }
    }

    /// <summary>Forgets everything, as before a rebuild from the topic.</summary>
    public void Reset()
    {
        lock (_writeLock)
        {
            _sessions.Clear();
            _emails.Clear();
            _userIds.Clear();
            _issuerSubjects.Clear();
            Changed?.Invoke(this, new RevocationChange(RevocationChangeKind.Reset, null));
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private bool TryGetLive<TKey>(ConcurrentDictionary<TKey, RevocationEntry> entries, TKey key, out RevocationEntry entry)
        where TKey : notnull =>
        entries.TryGetValue(key, out entry!) && entry.ExpiresAt > _time.GetUtcNow();

    private static bool Upsert<TKey>(ConcurrentDictionary<TKey, RevocationEntry> entries, TKey key, RevocationEntry entry)
        where TKey : notnull
    {
        if (entries.TryGetValue(key, out RevocationEntry? existing) && existing.RevokedAt >= entry.RevokedAt)
        {
            return false;
        }

        entries[key] = entry;
        return true;
    }

    private int RemoveExpired<TKey>(ConcurrentDictionary<TKey, RevocationEntry> entries, DateTimeOffset now)
        where TKey : notnull
    {
        int removed = 0;
        foreach (KeyValuePair<TKey, RevocationEntry> pair in entries)
        {
            if (pair.Value.ExpiresAt <= now && entries.TryRemove(pair))
            {
                removed++;
                Changed?.Invoke(this, new RevocationChange(RevocationChangeKind.Expired, pair.Value));
            }
        }

        return removed;
    }
}
