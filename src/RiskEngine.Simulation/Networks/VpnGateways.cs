namespace RiskEngine.Simulation.Networks;

/// <summary>
/// The egress points of the corporate VPN: a remote worker's sessions through the VPN come from one of these,
/// however far from home. The network is the company's own, and Entra knows it as a trusted named location.
/// </summary>
internal static class VpnGateways
{
    public const string NamedLocation = "Contoso Corporate VPN";

    public static IReadOnlyList<City> All { get; } =
    [
        new("Ashburn", "Virginia", "US", 39.0438, -77.4874, "20.62", 64601, NamedLocation),
        new("Amsterdam", "North Holland", "NL", 52.3676, 4.9041, "20.103", 64602, NamedLocation),
        new("Singapore", "Singapore", "SG", 1.3521, 103.8198, "20.198", 64603, NamedLocation),
    ];
}
