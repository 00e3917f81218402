namespace RiskEngine.Simulation;

/// <summary>One identity of the simulated population.</summary>
/// <param name="IdentityId">The Entra object id (a GUID string, the <c>userId</c> of its sign-ins), or for an Okta user the Okta user id (<c>actor.id</c>).</param>
/// <param name="UserPrincipalName">For example <c>ada.lovelace@contoso.example</c>.</param>
/// <param name="DisplayName">For example <c>Ada Lovelace</c>.</param>
/// <param name="HomeCity">The city the identity normally signs in from.</param>
/// <param name="IsTakeoverVictim">True when an attacker takes the account over during the run.</param>
public sealed record SimulatedIdentity(
    string IdentityId,
    string UserPrincipalName,
    string DisplayName,
    string HomeCity,
    bool IsTakeoverVictim);
