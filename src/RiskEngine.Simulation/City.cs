namespace RiskEngine.Simulation;

/// <summary>A place together with the network sign-ins from it come through: an invented IPv4 /16 and autonomous system number.</summary>
internal sealed record City(
    string Name,
    string State,
    string CountryCode,
    double Latitude,
    double Longitude,
    string IpPrefix,
    int Asn)
{
    private const double EarthRadiusKm = 6371;

    public double DistanceKm(City other)
    {
        var lat1 = double.DegreesToRadians(Latitude);
        var lat2 = double.DegreesToRadians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(other.Longitude - Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public string NextIp(Random rng) => $"{IpPrefix}.{rng.Next(0, 256)}.{rng.Next(1, 255)}";
}
