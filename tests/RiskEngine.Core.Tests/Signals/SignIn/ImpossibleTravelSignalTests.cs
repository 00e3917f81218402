using RiskEngine.Core.Signals;
using RiskEngine.Core.Signals.SignIn;

namespace RiskEngine.Core.Tests.Signals.SignIn;

public sealed class ImpossibleTravelSignalTests
{
    private static readonly DateTimeOffset T0 = SignIns.T0;

    private readonly ImpossibleTravelSignal _signal = new(new ImpossibleTravelOptions { Penalty = 33 });

    [Fact]
    public void Oslo_then_Lagos_an_hour_later_fires_with_the_configured_penalty_and_evidence()
    {
        var state = SignIns.StateAfter(SignIns.InOslo(T0));

        var finding = _signal.Evaluate(SignIns.InLagos(T0.AddHours(1)), state, SignIns.Context);

        // 5,969 km in one hour is 5,969 km/h, far above 1,000 km/h.
        var fired = Assert.NotNull(finding);
        Assert.Equal(ImpossibleTravelSignal.SignalName, fired.Signal);
        Assert.Equal(33, fired.Penalty);
        Assert.Equal("impossible travel: Oslo, NO to Lagos, NG, 5,969 km in 60 min (5,969 km/h)", fired.Evidence);
    }

    [Fact]
    public void A_plausible_flight_does_not_fire()
    {
        // 5,969 km in 7 h is 853 km/h: an airliner.
        var state = SignIns.StateAfter(SignIns.InOslo(T0));

        Assert.Null(_signal.Evaluate(SignIns.InLagos(T0.AddHours(7)), state, SignIns.Context));
    }

    [Fact]
    public void The_speed_limit_comes_from_the_options()
    {
        // Same 853 km/h trip, but now only 800 km/h counts as plausible.
        var signal = new ImpossibleTravelSignal(new ImpossibleTravelOptions { MaxPlausibleSpeedKmh = 800 });
        var state = SignIns.StateAfter(SignIns.InOslo(T0));

        var finding = signal.Evaluate(SignIns.InLagos(T0.AddHours(7)), state, SignIns.Context);

        Assert.Equal(45, Assert.NotNull(finding).Penalty);
        Assert.Contains("5,969 km in 7.0 h (853 km/h)", finding.Value.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_hop_does_not_fire_however_fast()
    {
        // London to Paris is 344 km, under the 500 km minimum, even though 344 km in a minute is 20,613 km/h.
        var state = SignIns.StateAfter(SignIns.Success(T0, SignIns.London, "London", "GB"));

        Assert.Null(_signal.Evaluate(SignIns.Success(T0.AddMinutes(1), SignIns.Paris, "Paris", "FR"), state, SignIns.Context));
    }

    [Fact]
    public void The_same_hop_fires_once_the_minimum_distance_is_below_it()
    {
        var signal = new ImpossibleTravelSignal(new ImpossibleTravelOptions { MinDistanceKm = 300 });
        var state = SignIns.StateAfter(SignIns.Success(T0, SignIns.London, "London", "GB"));

        var finding = signal.Evaluate(SignIns.Success(T0.AddMinutes(1), SignIns.Paris, "Paris", "FR", ip: "192.0.2.80"), state, SignIns.Context);

        Assert.Equal("impossible travel: London, GB to Paris, FR, 344 km in 1 min (20,613 km/h)", Assert.NotNull(finding).Evidence);
    }

    [Fact]
    public void A_failed_sign_in_far_away_does_not_fire()
    {
        var state = SignIns.StateAfter(SignIns.InOslo(T0));

        Assert.Null(_signal.Evaluate(SignIns.Failure(T0.AddMinutes(5), SignIns.Lagos), state, SignIns.Context));
    }

    [Fact]
    public void No_coordinates_on_either_side_means_no_finding()
    {
        var withoutPlace = SignIns.StateAfter(SignIns.Success(T0, coordinates: null, city: "Oslo", country: "NO"));
        Assert.Null(_signal.Evaluate(SignIns.InLagos(T0.AddMinutes(5)), withoutPlace, SignIns.Context));

        var withPlace = SignIns.StateAfter(SignIns.InOslo(T0));
        Assert.Null(_signal.Evaluate(SignIns.Success(T0.AddMinutes(5), coordinates: null, city: "Lagos", country: "NG"), withPlace, SignIns.Context));
    }

    [Fact]
    public void Without_a_previous_success_there_is_nothing_to_travel_from()
    {
        Assert.Null(_signal.Evaluate(SignIns.InLagos(T0), SignIns.NewState(), SignIns.Context));

        // A failure in Oslo is not a place the identity has been.
        var onlyFailed = SignIns.StateAfter(SignIns.Failure(T0, SignIns.Oslo));
        Assert.Null(onlyFailed.SignIns!.LastSuccessfulSignIn);
        Assert.Null(_signal.Evaluate(SignIns.InLagos(T0.AddMinutes(1)), onlyFailed, SignIns.Context));
    }

    [Fact]
    public void Two_far_apart_sign_ins_in_the_same_second_fire_with_a_finite_speed()
    {
        var state = SignIns.StateAfter(SignIns.InOslo(T0));

        var finding = _signal.Evaluate(SignIns.InLagos(T0), state, SignIns.Context);

        // Elapsed time is floored at 1 s: 5,969.264 km * 3,600 = 21,489,350 km/h.
        Assert.Equal("impossible travel: Oslo, NO to Lagos, NG, 5,969 km in 0 s (21,489,350 km/h)", Assert.NotNull(finding).Evidence);
    }

    [Fact]
    public void A_sign_in_from_a_network_the_identity_has_used_is_not_a_trip()
    {
        // Geo-IP put the VPN's exit 198.51.100.0/24 in Lagos once; an hour in Oslo later, the same exit block again.
        var state = SignIns.StateAfter(
            SignIns.Success(T0, SignIns.Lagos, "Lagos", "NG", ip: "198.51.100.20", asn: 9009),
            SignIns.InOslo(T0.AddDays(1)));

        Assert.Null(_signal.Evaluate(SignIns.Success(T0.AddDays(1).AddHours(1), SignIns.Lagos, "Lagos", "NG", ip: "198.51.100.77", asn: 9009), state, SignIns.Context));
    }

    [Fact]
    public void A_sign_in_from_an_operator_the_identity_has_used_costs_only_the_lower_penalty()
    {
        // Same VPN provider (AS9009), but another exit block than before: 5,969 km/h, at the lower penalty.
        var state = SignIns.StateAfter(
            SignIns.Success(T0, SignIns.Lagos, "Lagos", "NG", ip: "198.51.100.20", asn: 9009),
            SignIns.InOslo(T0.AddDays(1)));

        var finding = _signal.Evaluate(SignIns.Success(T0.AddDays(1).AddHours(1), SignIns.Lagos, "Lagos", "NG", ip: "192.0.2.9", asn: 9009), state, SignIns.Context);

        var fired = Assert.NotNull(finding);
        Assert.Equal(10, fired.Penalty);
        Assert.Equal(
            "impossible travel: Oslo, NO to Lagos, NG, 5,969 km in 60 min (5,969 km/h), from AS9009, which this identity has used before (a VPN or egress geo-IP may misplace)",
            fired.Evidence);
    }

    [Fact]
    public void A_known_operator_with_no_lower_penalty_is_ignored()
    {
        var signal = new ImpossibleTravelSignal(new ImpossibleTravelOptions { KnownAutonomousSystemPenalty = 0 });
        var state = SignIns.StateAfter(
            SignIns.Success(T0, SignIns.Lagos, "Lagos", "NG", ip: "198.51.100.20", asn: 9009),
            SignIns.InOslo(T0.AddDays(1)));

        Assert.Null(signal.Evaluate(SignIns.Success(T0.AddDays(1).AddHours(1), SignIns.Lagos, "Lagos", "NG", ip: "192.0.2.9", asn: 9009), state, SignIns.Context));
    }
}
