using Microsoft.Extensions.Options;
using RiskEngine.Pep.Revocations;
using RiskEngine.Pep.Tests.Fixtures;
using RiskEngine.Pep.Tokens;
using RiskEngine.Testing;

namespace RiskEngine.Pep.Tests.Revocations;

public sealed class RevokedSetTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Start);

    [Fact]
    public void An_entry_holds_until_event_time_plus_lifetime_then_lookups_miss_it_and_the_sweep_reports_it_expired()
    {
        using RevokedSet set = NewSet(TimeSpan.FromHours(1));
        var changes = new List<RevocationChange>();
        set.Changed += (_, change) => changes.Add(change);

        // Revoked 10 minutes ago with a 1-hour lifetime: expires at Start + 50 min.
        Assert.True(set.Revoke(RevocationScope.Session, new SubjectKey(SubjectKey.Opaque, "s1", null), Start.AddMinutes(-10), "jti-1"));
        _time.Advance(TimeSpan.FromMinutes(49));
        Assert.True(set.TryGetSession("s1", out RevocationEntry entry));
        Assert.Equal(Start.AddMinutes(50), entry.ExpiresAt);
        Assert.Equal(0, set.RemoveExpired());

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(set.TryGetSession("s1", out _));
        Assert.Equal(1, set.RemoveExpired());
        Assert.Equal([RevocationChangeKind.Added, RevocationChangeKind.Expired], changes.Select(change => change.Kind));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void A_revocation_already_past_its_lifetime_is_not_added()
    {
        using RevokedSet set = NewSet(TimeSpan.FromHours(1));
        Assert.False(set.Revoke(RevocationScope.User, new SubjectKey(SubjectKey.Opaque, "u1", null), Start.AddHours(-1), "old"));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void A_later_user_revocation_replaces_an_earlier_one_and_an_earlier_one_does_not_replace_a_later()
    {
        using RevokedSet set = NewSet(TimeSpan.FromHours(1));
        var user = new SubjectKey(SubjectKey.Email, "Dana@Example.com", null);
        Assert.True(set.Revoke(RevocationScope.User, user, Start.AddMinutes(-5), "first"));
        Assert.True(set.Revoke(RevocationScope.User, user, Start.AddMinutes(-1), "second"));
        Assert.False(set.Revoke(RevocationScope.User, user, Start.AddMinutes(-3), "late-arriving"));

        Assert.True(set.TryGetUserByEmail("dana@example.COM", out RevocationEntry entry));
        Assert.Equal("second", entry.Jti);
    }

    [Fact]
    public void Iss_sub_users_match_on_issuer_and_subject_together()
    {
        using RevokedSet set = NewSet(TimeSpan.FromHours(1));
        set.Revoke(RevocationScope.User, new SubjectKey(SubjectKey.IssSub, "alice", "https://idp.one"), Start, "j");
        Assert.True(set.TryGetUserByIssuerAndSubject("https://idp.one", "alice", out _));
        Assert.False(set.TryGetUserByIssuerAndSubject("https://idp.two", "alice", out _));
        Assert.False(set.TryGetUserById("alice", out _));
    }

    [Fact]
    public void Reset_empties_the_set_and_tells_observers()
    {
        using RevokedSet set = NewSet(TimeSpan.FromHours(1));
        set.Revoke(RevocationScope.Session, new SubjectKey(SubjectKey.Opaque, "s1", null), Start, "j");
        RevocationChange? last = null;
        set.Changed += (_, change) => last = change;
        set.Reset();
        Assert.Equal(new RevocationChange(RevocationChangeKind.Reset, null), last);
        Assert.Empty(set.Snapshot());
    }

    private RevokedSet NewSet(TimeSpan lifetime) =>
        new(Options.Create(new PepOptions { RevocationLifetime = lifetime, ExpirySweepInterval = TimeSpan.FromHours(1) }), _time);
}
