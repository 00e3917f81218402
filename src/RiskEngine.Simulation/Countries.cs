namespace RiskEngine.Simulation;

/// <summary>The English names of the countries simulated, as Okta writes them in <c>geographicalContext.country</c>.</summary>
internal static class Countries
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["AE"] = "United Arab Emirates", ["AR"] = "Argentina", ["AU"] = "Australia", ["BR"] = "Brazil", ["CA"] = "Canada",
        ["CH"] = "Switzerland", ["CL"] = "Chile", ["CN"] = "China", ["CO"] = "Colombia", ["DE"] = "Germany", ["EG"] = "Egypt",
        ["ES"] = "Spain", ["FR"] = "France", ["GB"] = "United Kingdom", ["HK"] = "Hong Kong", ["ID"] = "Indonesia",
        ["IE"] = "Ireland", ["IL"] = "Israel", ["IN"] = "India", ["IT"] = "Italy", ["JP"] = "Japan", ["KE"] = "Kenya",
        ["KR"] = "South Korea", ["MX"] = "Mexico", ["NG"] = "Nigeria", ["NL"] = "Netherlands", ["NO"] = "Norway",
        ["NZ"] = "New Zealand", ["PL"] = "Poland", ["RO"] = "Romania", ["SE"] = "Sweden", ["SG"] = "Singapore",
        ["US"] = "United States", ["ZA"] = "South Africa",
    };

    /// <exception cref="KeyNotFoundException">A country no simulated city lies in.</exception>
    public static string Name(string code) => Names[code];
}
