using RiskEngine.Core.Events;

namespace RiskEngine.Core.Identity;

/// <summary>The facts of an identity's last successful sign-in that signals judge the next one against.</summary>
public readonly record struct LastSignIn(
    DateTimeOffset Timestamp,
    GeoCoordinates? Coordinates,
    string? City,
    string? CountryOrRegion,
    int AutonomousSystemNumber,
    uint NetworkKey)
{
    public string DescribeLocation() => Place.Describe(City, CountryOrRegion, Coordinates);
}
