using RiskEngine.Core.Events;

namespace RiskEngine.Simulation;

/// <summary>A place together with the network sign-ins from it come through: an invented IPv4 /16 and autonomous system number.</summary>
/// <param name="Organization">The network's operator as IP intelligence names it (Okta's <c>securityContext.asOrg</c>); null for the city's own ISP.</param>
/// <param name="IsAnonymizer">A Tor exit or anonymous proxy: Okta marks it <c>isProxy</c>.</param>
internal sealed record City(
    string Name,
    string State,
    string CountryCode,
    double Latitude,
    double Longitude,
    string IpPrefix,
    int Asn,
    string? Organization = null,
    bool IsAnonymizer = false)
{
    /// <summary>The network's operator: the named one, else the city's broadband provider.</summary>
    public string NetworkName => Organization ?? $"{Name} Broadband";

    /// <summary>Local time's offset from UTC, from the longitude: close enough to put working hours in daylight.</summary>
    public TimeSpan UtcOffset => TimeSpan.FromHours(Math.Round(Longitude / 15));

    public GeoCoordinates Coordinates => new(Latitude, Longitude);

    public double DistanceKm(City other) => Coordinates.DistanceKmTo(other.Coordinates);

    public string NextIp(Random rng) => $"{IpPrefix}.{rng.Next(0, 256)}.{rng.Next(1, 255)}";
}
