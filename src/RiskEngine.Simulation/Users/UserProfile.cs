namespace RiskEngine.Simulation.Users;

/// <summary>A user and what the user's traffic is made from.</summary>
/// <param name="Identity">Its <see cref="SimulatedIdentity.IdentityId"/> is the Entra object id or the Okta user id (<c>00u...</c>).</param>
/// <param name="Phone">Null for a user who signs in from the laptop only.</param>
/// <param name="Clearance">The highest classification of the documents the user works with.</param>
/// <param name="Seed">Seeds the user's own generator, so that the user's traffic does not depend on anyone else's.</param>
internal sealed record UserProfile(
    SimulatedIdentity Identity,
    IdentityProvider Provider,
    string FirstName,
    City Home,
    string HomeIp,
    Device Laptop,
    Device? Phone,
    string Clearance,
    int Seed);
