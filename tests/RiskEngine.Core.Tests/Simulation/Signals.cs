namespace RiskEngine.Core.Tests.Simulation;

/// <summary>The engine's signal rules, restated independently to check the simulated traffic against them.</summary>
internal static class Signals
{
    public const double TravelDistanceKm = 500;
    public const double TravelSpeedKmPerHour = 1000;
    private const double EarthRadiusKm = 6371;
    private const int BurstFailures = 5;
    private static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(10);

    public static double DistanceKm(ParsedSignIn a, ParsedSignIn b)
    {
        var lat1 = a.Latitude * Math.PI / 180;
        var lat2 = b.Latitude * Math.PI / 180;
        var dLat = lat2 - lat1;
        var dLon = (b.Longitude - a.Longitude) * Math.PI / 180;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public static double SpeedKmPerHour(ParsedSignIn from, ParsedSignIn to)
    {
        var hours = (to.CreatedDateTime - from.CreatedDateTime).TotalHours;
        var distance = DistanceKm(from, to);
        return hours > 0 ? distance / hours : distance > 0 ? double.PositiveInfinity : 0;
    }

    public static bool IsImpossibleTravel(ParsedSignIn from, ParsedSignIn to) =>
        DistanceKm(from, to) > TravelDistanceKm && SpeedKmPerHour(from, to) > TravelSpeedKmPerHour;

    /// <summary>Pairs of consecutive successful sign-ins that fire impossible travel.</summary>
    public static IEnumerable<(ParsedSignIn From, ParsedSignIn To)> ImpossibleTravel(IEnumerable<ParsedSignIn> signIns) =>
        signIns.Where(s => s.Succeeded).Zip(signIns.Where(s => s.Succeeded).Skip(1)).Where(p => IsImpossibleTravel(p.First, p.Second));

    public static bool HasFailureBurst(IEnumerable<ParsedSignIn> signIns)
    {
        var failures = signIns.Where(s => !s.Succeeded).Select(s => s.CreatedDateTime).ToList();
        return Enumerable.Range(0, Math.Max(0, failures.Count - BurstFailures + 1))
            .Any(i => failures[i + BurstFailures - 1] - failures[i] <= BurstWindow);
    }
}
