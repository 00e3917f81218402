namespace RiskEngine.Core.Events;

/// <summary>Where an event came from, in words an analyst reads in evidence.</summary>
public static class Place
{
    /// <summary>"Oslo, NO"; the city or country alone; the coordinates when the provider named neither.</summary>
    public static string Describe(string? city, string? country, GeoCoordinates? coordinates) => (city, country) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => $"{city}, {country}",
        ({ Length: > 0 }, _) => city,
        (_, { Length: > 0 }) => country,
        _ when coordinates is { } c => FormattableString.Invariant($"({c.Latitude:F2}, {c.Longitude:F2})"),
        _ => "an unknown location",
    };
}
