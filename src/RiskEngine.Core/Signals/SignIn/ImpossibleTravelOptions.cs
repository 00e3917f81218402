using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

public sealed class ImpossibleTravelOptions
{
    /// <summary>Faster than a airliner door to door; 1,000 km/h leaves room for geo-IP error on real flights.</summary>
    [Range(100, 100_000)]
    public double MaxPlausibleSpeedKmh { get; set; } = 1000;

    /// <summary>Geo-IP places one city's users tens to hundreds of km apart; shorter hops prove nothing.</summary>
    [Range(0, 20_000)]
    public double MinDistanceKm { get; set; } = 500;

    [Range(0, 100)]
    public double Penalty { get; set; } = 45;

    /// <summary>
    /// The penalty instead when the new sign-in comes from an autonomous system the identity has used before (its
    /// VPN provider, its employer's cloud egress), whose exits geo-IP places far from the user. Lower, not none: an
    /// operator as large as a cloud or a national carrier serves attackers too. 0 ignores such trips.
    /// </summary>
    [Range(0, 100)]
    public double KnownAutonomousSystemPenalty { get; set; } = 10;

    /// <summary>
    /// How many networks (IPv4 /24, IPv6 /48) each identity remembers. A sign-in from one of them is never impossible
    /// travel: the same egress block is the same VPN exit or office proxy, wherever geo-IP puts it.
    /// </summary>
    [Range(1, 64)]
    public int KnownNetworksPerIdentity { get; set; } = 8;
}
