using RiskEngine.Core.Events;
using RiskEngine.Core.Policy.BlastRadius;

namespace RiskEngine.Core.Tests.Policy.BlastRadius;

public sealed class BlastRadiusGuardTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static IdentityEvent Event(int identity, DateTimeOffset at) => new()
    {
        EventId = FormattableString.Invariant($"event-{identity}-{at.Ticks}"),
        Timestamp = at,
        IdentityId = FormattableString.Invariant($"user-{identity}"),
        Succeeded = true,
    };

    private static BlastRadiusGuard Guard(double maxActionShare = 0.05, int minActiveIdentities = 200, int minActions = 20, bool enabled = true) =>
        new(new BlastRadiusOptions { Enabled = enabled, MaxActionShare = maxActionShare, MinActiveIdentities = minActiveIdentities, MinActions = minActions });

    private static void Observe(BlastRadiusGuard guard, int identities, DateTimeOffset at)
    {
        for (var identity = 0; identity < identities; identity++)
        {
            guard.Observe(Event(identity, at));
        }
    }

    /// <summary>Revokes identities 0, 1, 2, ... at <paramref name="at"/> until the guard holds one; returns how many it allowed.</summary>
    private static int RevokeUntilHeld(BlastRadiusGuard guard, int most, DateTimeOffset at)
    {
        for (var identity = 0; identity < most; identity++)
        {
            if (guard.Revoke(Event(identity, at), out _) != RevocationGate.Allowed)
            {
                return identity;
            }
        }

        return most;
    }

    [Fact]
    public void Trips_on_the_first_revocation_past_the_share_of_active_identities_and_holds_every_later_one()
    {
        var guard = Guard();
        Observe(guard, 1_000, T0);
        var active = guard.Counts().ActiveIdentities;
        Assert.InRange(active, 980, 1_020);

        // 5% of 1,000 is 50: the 51st revocation is past it. The estimate may be off by 1%, half a revocation either way,
        // so the test takes the limit from the estimate: 0.05 x active, rounded down, plus one.
        var first = (int)Math.Floor(0.05 * active) + 1;
        Assert.InRange(first, 50, 52);
        Assert.Equal(first - 1, RevokeUntilHeld(guard, 100, T0.AddSeconds(1)));

        var trip = guard.Trip!;
        Assert.Equal(first, trip.Revocations);
        Assert.Equal(FormattableString.Invariant($"user-{first - 1}"), trip.TriggeringIdentityId);
        Assert.Equal(T0.AddSeconds(1), trip.At);
        Assert.Equal(RevocationGate.Held, guard.Revoke(Event(7, T0.AddSeconds(2)), out var heldBy));
        Assert.Same(trip, heldBy);
        Assert.StartsWith(FormattableString.Invariant($"{first} revocations among about {active:0} active identities in 10 min of event time to 2024-03-01 08:00:01Z (5."), trip.Describe(), StringComparison.Ordinal);
        Assert.EndsWith(", more than 5.0%)", trip.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_revocation_that_trips_it_is_told_so_once()
    {
        var guard = Guard(maxActionShare: 0.01);
        Observe(guard, 1_000, T0);

        var gates = Enumerable.Range(0, 40).Select(identity => guard.Revoke(Event(identity, T0), out _)).ToList();

        // 1% of 1,000 is 10, but at least MinActions 20: the 20th trips, the 20 after it are held.
        Assert.Equal([.. Enumerable.Repeat(RevocationGate.Allowed, 19), RevocationGate.Tripped, .. Enumerable.Repeat(RevocationGate.Held, 20)], gates);
    }

    [Fact]
    public void Never_trips_below_the_minimum_of_active_identities()
    {
        var guard = Guard();
        Observe(guard, 150, T0);

        // Every one of 150 identities revoked, a share of 100%, but 150 < MinActiveIdentities 200.
        Assert.Equal(150, RevokeUntilHeld(guard, 150, T0));
        Assert.Null(guard.Trip);
    }

    [Fact]
    public void Revocations_that_left_the_window_no_longer_count()
    {
        var guard = Guard();
        Observe(guard, 1_000, T0);
        Assert.Equal(40, RevokeUntilHeld(guard, 40, T0));

        // Eleven minutes on, the first 40 have left the ten-minute window: 40 more are 4% of 1,000, under 5%.
        Observe(guard, 1_000, T0.AddMinutes(11));
        Assert.Equal(40, RevokeUntilHeld(guard, 40, T0.AddMinutes(11)));
        Assert.Equal((40, true), (guard.Counts().Revocations, guard.Trip is null));
    }

    [Fact]
    public void Confirming_allows_revocations_again_and_the_guard_trips_again_only_on_as_many_more()
    {
        var guard = Guard(maxActionShare: 0.01);
        Observe(guard, 1_000, T0);
        Assert.Equal(19, RevokeUntilHeld(guard, 100, T0));
        var trip = guard.Trip;

        Assert.Same(trip, guard.Confirm());
        Assert.Null(guard.Trip);
        Assert.Equal(0, guard.Counts().Revocations);

        // The 20 counted are forgotten: it takes another MinActions 20 to trip.
        Assert.Equal(19, RevokeUntilHeld(guard, 100, T0.AddMinutes(1)));
        Assert.Null(Guard().Confirm());
    }

    [Fact]
    public void A_held_trip_from_before_a_restart_holds_every_revocation_without_tripping_again_until_released()
    {
        var stored = new BlastRadiusTrip(T0, "event-7", "user-7", 21, 400, TimeSpan.FromMinutes(10), 0.05);
        var guard = Guard();

        Assert.True(guard.Hold(stored));
        Assert.False(guard.Hold(stored with { TriggeringEventId = "event-8" }));
        Assert.Equal(RevocationGate.Held, guard.Revoke(Event(1, T0.AddMinutes(1)), out var heldBy));
        Assert.Same(stored, heldBy);

        Assert.False(guard.Release(stored with { Revocations = 22 }));
        Assert.True(guard.Release(stored));
        Assert.Null(guard.Trip);
        Assert.Equal(RevocationGate.Allowed, guard.Revoke(Event(2, T0.AddMinutes(2)), out _));
    }

    [Fact]
    public void Releasing_a_trip_confirmed_elsewhere_lets_a_later_trip_of_this_instance_hold()
    {
        var guard = Guard(minActiveIdentities: 20, minActions: 3);
        Observe(guard, 40, T0);
        RevokeUntilHeld(guard, 40, T0);
        var mine = guard.Trip!;

        Assert.False(guard.Release(mine with { TriggeringEventId = "an-earlier-trip-of-another-instance" }));
        Assert.Same(mine, guard.Trip);
        Assert.False(Guard(enabled: false).Hold(mine));
    }

    [Fact]
    public void A_disabled_guard_allows_everything_and_counts_nothing()
    {
        var guard = Guard(enabled: false);
        Observe(guard, 1_000, T0);

        Assert.Equal(1_000, RevokeUntilHeld(guard, 1_000, T0));
        Assert.Equal((0, 0.0), guard.Counts());
    }
}
