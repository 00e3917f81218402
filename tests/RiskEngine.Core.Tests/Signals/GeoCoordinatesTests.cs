using RiskEngine.Core.Events;

namespace RiskEngine.Core.Tests.Signals;

public sealed class GeoCoordinatesTests
{
    [Theory]
    // Oslo to Lagos: haversine on a 6,371 km sphere gives 5,969.3 km (published great-circle figures: ~5,980).
    [InlineData(59.9139, 10.7522, 6.5244, 3.3792, 5969.26)]
    // London to Paris: 343.6 km.
    [InlineData(51.5074, -0.1278, 48.8566, 2.3522, 343.56)]
    // Half the equator: pi * 6371 = 20,015.09 km, the largest distance there is.
    [InlineData(0, 0, 0, 180, 20015.09)]
    // A quarter meridian: pi/2 * 6371 = 10,007.54 km.
    [InlineData(0, 0, 90, 0, 10007.54)]
    public void DistanceKmTo_matches_the_great_circle_distance(double lat1, double lon1, double lat2, double lon2, double expectedKm)
    {
        var from = new GeoCoordinates(lat1, lon1);
        var to = new GeoCoordinates(lat2, lon2);

        Assert.Equal(expectedKm, from.DistanceKmTo(to), 0.01);
        Assert.Equal(expectedKm, to.DistanceKmTo(from), 0.01);
    }

    [Fact]
    public void Oslo_to_Lagos_is_within_one_percent_of_5980_km()
    {
        var km = SignIns.Oslo.DistanceKmTo(SignIns.Lagos);

        Assert.InRange(km, 5980 * 0.99, 5980 * 1.01);
    }

    [Fact]
    public void The_distance_from_a_point_to_itself_is_zero()
    {
        Assert.Equal(0, SignIns.Oslo.DistanceKmTo(SignIns.Oslo));
    }

    [Theory]
    [InlineData(90, 180, true)]
    [InlineData(-90, -180, true)]
    [InlineData(0, 0, true)]
    [InlineData(90.0001, 0, false)]
    [InlineData(-90.0001, 0, false)]
    [InlineData(0, 180.0001, false)]
    [InlineData(0, -180.0001, false)]
    [InlineData(200, 10, false)]
    [InlineData(double.NaN, 0, false)]
    [InlineData(0, double.PositiveInfinity, false)]
    public void IsValid_accepts_only_latitudes_within_90_and_longitudes_within_180(double latitude, double longitude, bool expected)
    {
        Assert.Equal(expected, GeoCoordinates.IsValid(latitude, longitude));
    }
}
