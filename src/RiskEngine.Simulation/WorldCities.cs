namespace RiskEngine.Simulation;

/// <summary>Where simulated identities live and travel, and where attackers rent servers.</summary>
internal static class WorldCities
{
    public static IReadOnlyList<City> All { get; } =
    [
        new("Seattle", "Washington", "US", 47.6062, -122.3321, "73.181", 21774),
        new("San Francisco", "California", "US", 37.7749, -122.4194, "98.207", 23318),
        new("New York", "New York", "US", 40.7128, -74.0060, "108.41", 30412),
        new("Chicago", "Illinois", "US", 41.8781, -87.6298, "67.176", 27156),
        new("Austin", "Texas", "US", 30.2672, -97.7431, "70.114", 35902),
        new("Toronto", "Ontario", "CA", 43.6532, -79.3832, "99.232", 18443),
        new("Vancouver", "British Columbia", "CA", 49.2827, -123.1207, "24.86", 31867),
        new("Mexico City", "Ciudad de México", "MX", 19.4326, -99.1332, "189.203", 26035),
        new("São Paulo", "São Paulo", "BR", -23.5505, -46.6333, "177.92", 52871),
        new("Buenos Aires", "Buenos Aires", "AR", -34.6037, -58.3816, "181.47", 41296),
        new("Bogotá", "Bogotá D.C.", "CO", 4.7110, -74.0721, "190.25", 49613),
        new("Santiago", "Región Metropolitana", "CL", -33.4489, -70.6693, "200.83", 53308),
        new("London", "England", "GB", 51.5074, -0.1278, "86.139", 12876),
        new("Dublin", "Leinster", "IE", 53.3498, -6.2603, "89.101", 15244),
        new("Paris", "Île-de-France", "FR", 48.8566, 2.3522, "90.63", 13189),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "84.86", 12631),
        new("Berlin", "Berlin", "DE", 52.5200, 13.4050, "91.64", 16702),
        new("Frankfurt", "Hesse", "DE", 50.1109, 8.6821, "87.79", 17385),
        new("Madrid", "Community of Madrid", "ES", 40.4168, -3.7038, "83.47", 19824),
        new("Stockholm", "Stockholm County", "SE", 59.3293, 18.0686, "78.72", 20517),
        new("Oslo", "Oslo", "NO", 59.9139, 10.7522, "88.91", 57963),
        new("Warsaw", "Masovian Voivodeship", "PL", 52.2297, 21.0122, "83.26", 22169),
        new("Zurich", "Zurich", "CH", 47.3769, 8.5417, "85.195", 25418),
        new("Milan", "Lombardy", "IT", 45.4642, 9.1900, "79.18", 36945),
        new("Johannesburg", "Gauteng", "ZA", -26.2041, 28.0473, "105.184", 37742),
        new("Lagos", "Lagos", "NG", 6.5244, 3.3792, "102.89", 38170),
        new("Nairobi", "Nairobi County", "KE", -1.2921, 36.8219, "41.90", 44215),
        new("Cairo", "Cairo Governorate", "EG", 30.0444, 31.2357, "156.197", 46387),
        new("Dubai", "Dubai", "AE", 25.2048, 55.2708, "94.200", 47930),
        new("Tel Aviv", "Tel Aviv District", "IL", 32.0853, 34.7818, "109.67", 55418),
        new("Bengaluru", "Karnataka", "IN", 12.9716, 77.5946, "122.171", 56291),
        new("Mumbai", "Maharashtra", "IN", 19.0760, 72.8777, "49.36", 58902),
        new("Singapore", "Singapore", "SG", 1.3521, 103.8198, "116.88", 59443),
        new("Tokyo", "Tokyo", "JP", 35.6762, 139.6503, "126.72", 61708),
        new("Seoul", "Seoul", "KR", 37.5665, 126.9780, "121.134", 62155),
        new("Hong Kong", "Hong Kong", "HK", 22.3193, 114.1694, "112.118", 63581),
        new("Shanghai", "Shanghai", "CN", 31.2304, 121.4737, "101.87", 64012),
        new("Jakarta", "Jakarta", "ID", -6.2088, 106.8456, "36.71", 40863),
        new("Sydney", "New South Wales", "AU", -33.8688, 151.2093, "110.144", 39270),
        new("Melbourne", "Victoria", "AU", -37.8136, 144.9631, "121.200", 28764),
        new("Auckland", "Auckland", "NZ", -36.8485, 174.7633, "115.188", 32509),
    ];

    /// <summary>Cities with an office; most identities live in one.</summary>
    public static IReadOnlyList<City> Offices { get; } =
        [.. new[] { "Seattle", "New York", "London", "Bengaluru", "Sydney" }.Select(Named)];

    public static City Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Data-centre locations of hosting providers, where attackers run their tooling.</summary>
    public static IReadOnlyList<City> Hosting { get; } =
    [
        new("Ashburn", "Virginia", "US", 39.0438, -77.4874, "45.77", 14613, "Northstar Cloud Hosting"),
        new("Frankfurt", "Hesse", "DE", 50.1109, 8.6821, "185.221", 24961, "Mainhost Rechenzentrum GmbH"),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "193.32", 60472, "Polderhost B.V."),
        new("Singapore", "Singapore", "SG", 1.3521, 103.8198, "139.59", 63118, "Lionshare Data Centres Pte"),
        new("São Paulo", "São Paulo", "BR", -23.5505, -46.6333, "200.98", 51247, "Paulista Servidores Ltda"),
    ];
}
