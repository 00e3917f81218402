namespace RiskEngine.Simulation.Networks;

/// <summary>
/// Tor exit relays and anonymous proxies: the addresses the anonymizing-network attack comes from, and the
/// sample anonymizer list the simulator writes beside its output, as a threat-intelligence feed would supply it.
/// Their /16s are disjoint from every city's, so no benign sign-in ever comes from one.
/// </summary>
internal static class Anonymizers
{
    /// <summary>The exits, each a network of its own; <see cref="Addresses"/> holds a few addresses in each.</summary>
    public static IReadOnlyList<City> Exits { get; } =
    [
        new("Frankfurt am Main", "Hesse", "DE", 50.1109, 8.6821, "185.220", 60729, "Stiftung Erneuerbare Freiheit", IsAnonymizer: true),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "192.42", 1101, "SURF B.V.", IsAnonymizer: true),
        new("Stockholm", "Stockholm County", "SE", 59.3293, 18.0686, "171.25", 198093, "Foreningen for digitala fri- och rattigheter", IsAnonymizer: true),
        new("Zurich", "Zurich", "CH", 47.3769, 8.5417, "109.70", 208323, "Foundation for Applied Privacy", IsAnonymizer: true),
        new("Bucharest", "Bucuresti", "RO", 44.4268, 26.1025, "45.84", 200052, "Flokinet Ltd", IsAnonymizer: true),
        new("Seattle", "Washington", "US", 47.6062, -122.3321, "23.129", 396507, "Emerald Onion", IsAnonymizer: true),
        new("Paris", "Île-de-France", "FR", 48.8566, 2.3522, "199.249", 16276, "Anonymous VPN Services", IsAnonymizer: true),
    ];

    /// <summary>The listed addresses: five per exit network, in a fixed order.</summary>
    public static IReadOnlyList<string> Addresses { get; } =
    [
        .. Exits.SelectMany((exit, n) => Enumerable.Range(0, 5).Select(i => $"{exit.IpPrefix}.{101 + n}.{(i * 37) + 11 + n}")),
    ];

    /// <summary>The exit network an address of the list belongs to.</summary>
    public static City ExitOf(string address) => Exits.Single(exit => address.StartsWith(exit.IpPrefix + ".", StringComparison.Ordinal));

    /// <summary>The sample list file: a comment saying what it is, then one IPv4 address per line.</summary>
    public static string ListFile()
    {
        var header = """
            # Anonymizing networks: Tor exit relays and anonymous proxies, one IPv4 address per line.
            # Written by `riskengine simulate`: the anonymizing-network attacks of the simulated traffic come from these addresses.

            """;
        return header + string.Concat(Addresses.Select(address => address + "\n"));
    }
}
