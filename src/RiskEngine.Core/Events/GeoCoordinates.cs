namespace RiskEngine.Core.Events;

/// <summary>A point on the Earth in decimal degrees (WGS 84), as identity providers report it.</summary>
public readonly record struct GeoCoordinates(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0;

    public static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Great-circle distance by the haversine formula, which stays accurate for short hops too.</summary>
    public double DistanceKmTo(GeoCoordinates other)
    {
        var dLat = DegreesToRadians(other.Latitude - Latitude);
        var dLon = DegreesToRadians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(DegreesToRadians(Latitude)) * Math.Cos(DegreesToRadians(other.Latitude)) *
                 Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}
