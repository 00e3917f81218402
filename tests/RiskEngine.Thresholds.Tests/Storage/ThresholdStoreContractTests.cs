using RiskEngine.Core.Trust;
using RiskEngine.Storage;
using RiskEngine.Thresholds.Storage;
using RiskEngine.Thresholds.Tests.Support;

namespace RiskEngine.Thresholds.Tests.Storage;

/// <summary>What the thresholds store must do, run against SQLite and PostgreSQL alike.</summary>
public abstract class ThresholdStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, 250, TimeSpan.Zero);

    private readonly SteppingClock _clock = new(T0);

    private protected abstract Task<ISqlDialect> CreateDatabaseAsync();

    private async Task<ThresholdStore> StoreAsync()
    {
        var store = new ThresholdStore(await CreateDatabaseAsync(), _clock);
        await store.EnsureSchemaAsync(CancellationToken.None);
        // Every start creates the schema again.
        await store.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    private static Task<ThresholdVersion> SaveAsync(ThresholdStore store, ThresholdSettings thresholds, string author = "alice", string reason = "tuning") =>
        store.SaveAsync(thresholds, new TrustOptions(), new ThresholdChange(author, reason), CancellationToken.None);

    [Fact]
    public async Task An_empty_store_has_no_version_in_force()
    {
        var store = await StoreAsync();

        Assert.Null(await store.CurrentAsync(CancellationToken.None));
        Assert.Equal(0, await store.LatestVersionAsync(CancellationToken.None));
        Assert.Empty(await store.HistoryAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_document_is_version_1_and_reads_back_with_its_author_time_and_reason()
    {
        var store = await StoreAsync();

        var saved = await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(65), "alice", "fewer step-ups on internal apps");

        Assert.Equal(1, saved.Version);
        var current = Assert.IsType<ThresholdVersion>(await store.CurrentAsync(CancellationToken.None));
        Assert.Equal(1, current.Version);
        Assert.Equal("alice", current.Author);
        Assert.Equal("fewer step-ups on internal apps", current.Reason);
        Assert.Equal(T0, current.CreatedAt);
        Assert.Null(current.RolledBackFrom);
        Assert.Equal(65, current.Thresholds.Policy.Thresholds.Internal.StepUp);
        Assert.Equal(ThresholdDocuments.WithInternalStepUp(65).ToJson(), current.Thresholds.ToJson());
        Assert.Equal(1, await store.LatestVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Each_change_is_numbered_one_past_the_last_and_the_history_lists_them_newest_first()
    {
        var store = await StoreAsync();

        await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(61), "alice", "first");
        await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(62), "bob", "second");
        await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(63), "carol", "third");

        var history = await store.HistoryAsync(10, CancellationToken.None);
        Assert.Equal([3, 2, 1], history.Select(version => version.Version));
        Assert.Equal(["carol", "bob", "alice"], history.Select(version => version.Author));
        // The clock moves a second per read, so the versions are a second apart.
        Assert.Equal([T0.AddSeconds(2), T0.AddSeconds(1), T0], history.Select(version => version.CreatedAt));
        Assert.Equal([3, 2], (await store.HistoryAsync(2, CancellationToken.None)).Select(version => version.Version));
        Assert.Equal(62, (await store.GetAsync(2, CancellationToken.None))!.Thresholds.Policy.Thresholds.Internal.StepUp);
        Assert.Null(await store.GetAsync(4, CancellationToken.None));
    }

    [Fact]
    public async Task Incoherent_thresholds_are_refused_with_the_reason_and_nothing_is_stored()
    {
        var store = await StoreAsync();

        var refused = await Assert.ThrowsAsync<ThresholdRefusedException>(() => SaveAsync(store, ThresholdDocuments.RevokingBeforeSteppingUp()));

        Assert.Contains("Trust:Policy:Thresholds:Internal must satisfy Revoke (70) < StepUp (60) < RiskLevelChange (80).", refused.Reasons);
        Assert.Equal(0, await store.LatestVersionAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("", "tuning", "an author is required")]
    [InlineData("alice", "  ", "a reason is required")]
    public async Task A_change_without_an_author_or_a_reason_is_refused(string author, string reason, string expected)
    {
        var store = await StoreAsync();

        var refused = await Assert.ThrowsAsync<ThresholdRefusedException>(() => SaveAsync(store, ThresholdDocuments.Defaults(), author, reason));

        Assert.Equal([expected], refused.Reasons);
        Assert.Equal(0, await store.LatestVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rollback_stores_the_earlier_thresholds_again_as_the_next_version()
    {
        var store = await StoreAsync();
        await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(61));
        await SaveAsync(store, ThresholdDocuments.WithInternalStepUp(64));

        var rolledBack = await store.RollbackAsync(1, new TrustOptions(), new ThresholdChange("bob", "64 stepped up half the company"), CancellationToken.None);

        Assert.Equal(3, rolledBack.Version);
        Assert.Equal(1, rolledBack.RolledBackFrom);
        var current = (await store.CurrentAsync(CancellationToken.None))!;
        Assert.Equal(61, current.Thresholds.Policy.Thresholds.Internal.StepUp);
        Assert.Equal(1, current.RolledBackFrom);
        Assert.Equal("bob", current.Author);
        // History is never rewritten: version 2 is still there.
        Assert.Equal(64, (await store.GetAsync(2, CancellationToken.None))!.Thresholds.Policy.Thresholds.Internal.StepUp);
    }

    [Fact]
    public async Task A_rollback_to_a_version_that_does_not_exist_is_refused()
    {
        var store = await StoreAsync();
        await SaveAsync(store, ThresholdDocuments.Defaults());

        var refused = await Assert.ThrowsAsync<ThresholdRefusedException>(() =>
            store.RollbackAsync(7, new TrustOptions(), new ThresholdChange("bob", "undo"), CancellationToken.None));

        Assert.Equal(["there is no version 7 to roll back to"], refused.Reasons);
        Assert.Equal(1, await store.LatestVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Writers_racing_each_other_get_distinct_consecutive_versions()
    {
        var store = await StoreAsync();

        var saved = await Task.WhenAll(Enumerable.Range(61, 5).Select(stepUp => Task.Run(() => SaveAsync(store, ThresholdDocuments.WithInternalStepUp(stepUp), $"analyst-{stepUp}"))));

        Assert.Equal([1, 2, 3, 4, 5], saved.Select(version => version.Version).Order());
        var history = await store.HistoryAsync(10, CancellationToken.None);
        Assert.Equal([5, 4, 3, 2, 1], history.Select(version => version.Version));
        // Each version holds what its own writer sent.
        Assert.All(history, version => Assert.Equal($"analyst-{version.Thresholds.Policy.Thresholds.Internal.StepUp}", version.Author));
    }
}
