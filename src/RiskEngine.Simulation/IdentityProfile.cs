namespace RiskEngine.Simulation;

/// <summary>An identity with what its traffic is made from.</summary>
/// <param name="Seed">Seeds the identity's own generator, so its schedule does not depend on the others'.</param>
internal sealed record IdentityProfile(
    SimulatedIdentity Identity,
    string FirstName,
    City Home,
    string HomeIp,
    IReadOnlyList<Device> Devices,
    BenignVariation Variation,
    int Seed);
