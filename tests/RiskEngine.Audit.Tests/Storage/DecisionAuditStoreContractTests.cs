using RiskEngine.Audit.Records;
using RiskEngine.Audit.Storage;

namespace RiskEngine.Audit.Tests.Storage;

/// <summary>What the decision audit store must do, run against SQLite and PostgreSQL alike.</summary>
public abstract class DecisionAuditStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private protected abstract Task<DecisionAuditStore> CreateStoreAsync();

    private static AuditedDecision Decision(string jti, string identity, DateTimeOffset time) => new()
    {
        Jti = jti,
        Identity = identity,
        EventTime = time,
        SourceEventId = "event-" + jti,
        Action = "RevokeSession",
        EventType = "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
        Score = 30.25,
        Level = "High",
        ThresholdVersion = 3,
        Explanation = """{"previousScore":90,"score":30.25}""",
        Reason = "impossible travel",
        RecordedAt = T0.AddHours(1),
    };

    private async Task<DecisionAuditStore> StoreWithAsync(params AuditedDecision[] decisions)
    {
        var store = await CreateStoreAsync();
        await store.EnsureSchemaAsync(CancellationToken.None);
        // Every start creates the schema again.
        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.RecordAsync(decisions, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task A_decision_reads_back_with_every_member()
    {
        var decision = Decision("j1", "user-1", T0.AddMilliseconds(123));
        var store = await StoreWithAsync(decision);

        Assert.Equal(decision, Assert.Single(await store.QueryAsync(new AuditQuery(), CancellationToken.None)));
    }

    [Fact]
    public async Task What_a_SET_did_not_say_reads_back_as_null()
    {
        var decision = Decision("j1", "user-1", T0) with { SourceEventId = null, Score = null, Level = null, ThresholdVersion = null, Explanation = null, Reason = null };
        var store = await StoreWithAsync(decision);

        Assert.Equal(decision, Assert.Single(await store.QueryAsync(new AuditQuery(), CancellationToken.None)));
    }

    [Fact]
    public async Task Text_that_tries_to_inject_SQL_is_stored_and_queried_verbatim()
    {
        const string hostile = "x'); DROP TABLE decision_audit;--";
        var decision = Decision(hostile, hostile, T0) with { Reason = hostile, SourceEventId = hostile };
        var store = await StoreWithAsync(decision, Decision("j2", "user-2", T0));

        Assert.Equal(decision, Assert.Single(await store.QueryAsync(new AuditQuery { Identity = hostile }, CancellationToken.None)));
        // The table is still there, with both rows.
        Assert.Equal(2, (await store.QueryAsync(new AuditQuery(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_jti_recorded_again_is_kept_once_as_first_recorded()
    {
        var first = Decision("j1", "user-1", T0);
        var store = await StoreWithAsync(first);

        var inserted = await store.RecordAsync([first with { Score = 99, RecordedAt = T0.AddHours(2) }, Decision("j2", "user-1", T0)], CancellationToken.None);

        Assert.Equal(1, inserted);
        var stored = await store.QueryAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(["j1", "j2"], stored.Select(decision => decision.Jti));
        Assert.Equal(first, stored[0]);
    }

    [Fact]
    public async Task Decisions_come_by_event_time_then_jti_whatever_order_they_were_recorded_in()
    {
        var store = await StoreWithAsync(
            Decision("c", "user-1", T0.AddMinutes(2)),
            Decision("b", "user-2", T0),
            Decision("a", "user-1", T0.AddMinutes(2)),
            Decision("d", "user-1", T0.AddMinutes(1)));

        var all = await store.QueryAsync(new AuditQuery(), CancellationToken.None);

        Assert.Equal(["b", "d", "a", "c"], all.Select(decision => decision.Jti));
    }

    [Fact]
    public async Task A_query_selects_by_identity_and_a_half_open_time_range()
    {
        var store = await StoreWithAsync(
            Decision("before", "user-1", T0.AddMilliseconds(-1)),
            Decision("at-from", "user-1", T0),
            Decision("other", "user-2", T0.AddMinutes(5)),
            Decision("inside", "user-1", T0.AddMinutes(5)),
            Decision("at-to", "user-1", T0.AddMinutes(10)));

        var selected = await store.QueryAsync(new AuditQuery { Identity = "user-1", From = T0, To = T0.AddMinutes(10) }, CancellationToken.None);
        var fromOnly = await store.QueryAsync(new AuditQuery { From = T0.AddMinutes(5) }, CancellationToken.None);
        var toOnly = await store.QueryAsync(new AuditQuery { To = T0 }, CancellationToken.None);

        Assert.Equal(["at-from", "inside"], selected.Select(decision => decision.Jti));
        Assert.Equal(["inside", "other", "at-to"], fromOnly.Select(decision => decision.Jti));
        Assert.Equal(["before"], toOnly.Select(decision => decision.Jti));
    }

    [Fact]
    public async Task A_limit_keeps_the_earliest_decisions()
    {
        var store = await StoreWithAsync(
            Decision("j3", "user-1", T0.AddMinutes(3)),
            Decision("j1", "user-1", T0.AddMinutes(1)),
            Decision("j2", "user-1", T0.AddMinutes(2)));

        var limited = await store.QueryAsync(new AuditQuery { Identity = "user-1", Limit = 2 }, CancellationToken.None);

        Assert.Equal(["j1", "j2"], limited.Select(decision => decision.Jti));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new AuditQuery { Limit = 0 }, CancellationToken.None));
    }
}
