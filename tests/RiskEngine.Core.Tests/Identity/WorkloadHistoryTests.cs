using RiskEngine.Core.Identity;
using RiskEngine.Core.Signals.Mesh;

namespace RiskEngine.Core.Tests.Identity;

public sealed class WorkloadHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_the_default_capacity_it_takes_at_most_600_bytes()
    {
        var capacity = new NewDestinationOptions().KnownDestinationsPerWorkload;

        // 64-bit: 16 header; fields 8 array reference + 8 first-request ticks + 8 reference bits + 2 bytes (count, hand)
        // + 2 pending destinations × 48 + 3 traffic series × 88 (a 68-byte window and two longs, padded) = 386, padded
        // to 392: 408. The ulong[16] of known destinations: 16 + 8 length + 128 = 152. 560 in all.
        Assert.InRange(AllocatedBytes.Of(() => new WorkloadHistory(capacity, T0)), 1, 600);
    }

    [Fact]
    public void When_full_a_destination_not_called_since_the_last_sweep_makes_room()
    {
        var history = new WorkloadHistory(knownDestinationCapacity: 3, T0);
        history.RememberDestination(1);
        history.RememberDestination(2);
        history.RememberDestination(3);

        // Full, every one called since: the sweep clears 1, 2 and 3 in turn, comes round to 1 and takes it.
        history.RememberDestination(4);
        Assert.False(history.KnowsDestination(1));

        // 2 is called again, so it is passed over (its bit cleared); 3 has not been: it makes room for 5.
        history.RememberDestination(2);
        history.RememberDestination(5);

        Assert.True(history.KnowsDestination(2));
        Assert.False(history.KnowsDestination(3));
        Assert.True(history.KnowsDestination(4));
        Assert.True(history.KnowsDestination(5));
        Assert.Equal(3, history.KnownDestinationCount);
    }

    [Fact]
    public void Pending_destinations_take_the_free_slots_and_the_oldest_expired_resolves_first()
    {
        var history = new WorkloadHistory(knownDestinationCapacity: 4, T0);
        var window = TimeSpan.FromMinutes(5);

        Assert.True(history.TryAddPending(new PendingDestination(20, "vault", T0.AddMinutes(1).UtcTicks, "10.0.3.7", default)));
        Assert.True(history.TryAddPending(new PendingDestination(10, "payments-db", T0.UtcTicks, "10.0.3.7", default)));
        Assert.False(history.TryAddPending(new PendingDestination(30, "ledger", T0.UtcTicks, "10.0.3.7", default)));

        Assert.Equal(-1, history.OldestExpiredPending(T0.AddMinutes(4), window));
        var oldest = history.OldestExpiredPending(T0.AddMinutes(6), window);
        Assert.Equal("payments-db", history.PendingAt(oldest).Name);

        history.ResolvePending(oldest);

        Assert.True(history.KnowsDestination(10));
        Assert.Equal(-1, history.PendingIndexOf(10));
        Assert.Equal("vault", history.PendingAt(history.OldestExpiredPending(T0.AddMinutes(6), window)).Name);
        Assert.True(history.TryAddPending(new PendingDestination(30, "ledger", T0.UtcTicks, "10.0.3.7", default)));
    }

    [Fact]
    public void A_source_address_set_counts_each_address_once_up_to_its_capacity()
    {
        var addresses = default(SourceAddresses).With(7).With(7).With(8);
        Assert.Equal(2, addresses.Count);
        Assert.True(addresses.Contains(8));
        Assert.False(addresses.Contains(9));

        var full = addresses.With(9).With(10);
        Assert.Equal(SourceAddresses.Capacity, full.Count);
        Assert.False(full.Contains(10));
    }
}
