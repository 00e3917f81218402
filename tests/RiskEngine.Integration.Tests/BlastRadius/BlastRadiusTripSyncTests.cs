using Microsoft.Extensions.Logging.Abstractions;
using RiskEngine.Core.Events;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Kafka.BlastRadius;
using RiskEngine.Pipeline.BlastRadius;
using RiskEngine.Storage;
using RiskEngine.Integration.Tests.Fixtures;
using RiskEngine.Testing;

namespace RiskEngine.Integration.Tests.BlastRadius;

/// <summary>
/// Two instances' guards, each with its own <see cref="BlastRadiusTripSync"/>, on one SQLite database: a trip on one
/// holds revocations on the other within a few seconds, and a confirmation stored through one releases both.
/// </summary>
public sealed class BlastRadiusTripSyncTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Agreement = TimeSpan.FromSeconds(10);

    private readonly TemporaryDirectory _directory = new();
    private readonly BlastRadiusGuard _first = NewGuard();
    private readonly BlastRadiusGuard _second = NewGuard();
    private SqliteDialect _database = null!;
    private BlastRadiusTripStore _store = null!;
    private BlastRadiusTripSync _firstSync = null!;
    private BlastRadiusTripSync _secondSync = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDialect(Path.Combine(_directory.Path, "riskengine.db"));
        _store = new BlastRadiusTripStore(_database, TimeProvider.System);
        _firstSync = new BlastRadiusTripSync(_first, _store, TimeProvider.System, NullLogger<BlastRadiusTripSync>.Instance);
        _secondSync = new BlastRadiusTripSync(_second, _store, TimeProvider.System, NullLogger<BlastRadiusTripSync>.Instance);
        await _firstSync.StartAsync(CancellationToken.None);
        await _secondSync.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _firstSync.StopAsync(CancellationToken.None);
        await _secondSync.StopAsync(CancellationToken.None);
        _firstSync.Dispose();
        _secondSync.Dispose();
        await _database.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_trip_on_one_instance_holds_on_the_other_and_a_confirmation_through_either_releases_both()
    {
        var trip = Trip(_first);

        await Eventually.UntilAsync(() => _second.Trip is not null, "the second instance to hold the first one's trip", Agreement);
        Assert.Equal(trip, _second.Trip);
        Assert.Equal(RevocationGate.Held, _second.Revoke(Event(99), out _));

        await _store.ConfirmAsync(trip, "alice", "checked with the SOC", CancellationToken.None);
        Assert.True(_second.Release(trip));

        await Eventually.UntilAsync(() => _first.Trip is null, "the first instance to release its trip, confirmed through the second", Agreement);
        Assert.Equal(RevocationGate.Allowed, _first.Revoke(Event(98), out _));
        Assert.Null(await _store.FindUnconfirmedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_trip_recorded_before_a_stop_is_held_by_the_next_start()
    {
        var trip = Trip(_first);
        await _firstSync.StopAsync(CancellationToken.None);

        var restarted = NewGuard();
        using var sync = new BlastRadiusTripSync(restarted, _store, TimeProvider.System, NullLogger<BlastRadiusTripSync>.Instance);
        await sync.StartAsync(CancellationToken.None);

        // Held as the start returns: before a scoring stage, started after it, reads anything.
        Assert.Equal(trip, restarted.Trip);
        await sync.StopAsync(CancellationToken.None);
    }

    private static BlastRadiusGuard NewGuard() =>
        new(new BlastRadiusOptions { MaxActionShare = 0.05, MinActiveIdentities = 20, MinActions = 3 });

    /// <summary>Trips <paramref name="guard"/>: 40 identities active, revocations until one is held (the third, 3 of 40 being over 5%).</summary>
    private static BlastRadiusTrip Trip(BlastRadiusGuard guard)
    {
        for (var identity = 0; identity < 40; identity++)
        {
            guard.Observe(Event(identity));
        }

        for (var identity = 0; guard.Revoke(Event(identity), out _) == RevocationGate.Allowed; identity++)
        {
        }

        return guard.Trip!;
    }

    private static IdentityEvent Event(int identity) => new()
    {
        EventId = FormattableString.Invariant($"event-{identity}"),
        Timestamp = T0,
        IdentityId = FormattableString.Invariant($"user-{identity}"),
        Succeeded = true,
    };
}
