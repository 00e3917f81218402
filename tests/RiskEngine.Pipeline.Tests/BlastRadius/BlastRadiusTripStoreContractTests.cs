using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Pipeline.BlastRadius;
using RiskEngine.Storage;

namespace RiskEngine.Pipeline.Tests.BlastRadius;

/// <summary>What the blast-radius trip store must do, run against SQLite and PostgreSQL alike.</summary>
public abstract class BlastRadiusTripStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 43, 27, TimeSpan.Zero);

    // The numbers as the guard computes them: a share and an estimate that are not round in binary.
    private static readonly BlastRadiusTrip First = new(T0.AddTicks(1234567), "event-1", "user-1", 21, 403.7195817, TimeSpan.FromMinutes(10), 0.05);
    private static readonly BlastRadiusTrip Second = First with { At = T0.AddHours(2), TriggeringEventId = "event-2", TriggeringIdentityId = "user-2", Revocations = 30 };

    private protected abstract Task<ISqlDialect> CreateDatabaseAsync();

    private async Task<BlastRadiusTripStore> StoreAsync()
    {
        var store = new BlastRadiusTripStore(await CreateDatabaseAsync(), TimeProvider.System);
        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task A_recorded_trip_reads_back_equal_until_confirmed()
    {
        var store = await StoreAsync();
        Assert.Null(await store.FindUnconfirmedAsync(CancellationToken.None));

        await store.RecordAsync(First, CancellationToken.None);
        await store.RecordAsync(First, CancellationToken.None);

        Assert.Equal(First, await store.FindUnconfirmedAsync(CancellationToken.None));
        Assert.Equal(1, await store.ConfirmAsync(First, "alice", "a real wave, checked with the SOC", CancellationToken.None));
        Assert.Null(await store.FindUnconfirmedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_confirmed_trip_recorded_again_stays_confirmed()
    {
        // An instance that has not yet heard of the confirmation records its trip again: it must not come back.
        var store = await StoreAsync();
        await store.RecordAsync(First, CancellationToken.None);
        await store.ConfirmAsync(First, "alice", "checked", CancellationToken.None);

        await store.RecordAsync(First, CancellationToken.None);

        Assert.Null(await store.FindUnconfirmedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Confirming_a_trip_confirms_those_before_it_and_leaves_a_later_one_holding()
    {
        var store = await StoreAsync();
        await store.RecordAsync(Second, CancellationToken.None);
        await store.RecordAsync(First, CancellationToken.None);

        Assert.Equal(Second, await store.FindUnconfirmedAsync(CancellationToken.None));
        Assert.Equal(1, await store.ConfirmAsync(First, "alice", "checked", CancellationToken.None));
        Assert.Equal(Second, await store.FindUnconfirmedAsync(CancellationToken.None));
        Assert.Equal(1, await store.ConfirmAsync(Second, "bob", "checked too", CancellationToken.None));
        Assert.Null(await store.FindUnconfirmedAsync(CancellationToken.None));
    }
}
