using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals;

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
}
