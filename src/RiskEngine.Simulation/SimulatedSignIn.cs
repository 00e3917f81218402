namespace RiskEngine.Simulation;

/// <summary>One simulated sign-in event.</summary>
/// <param name="IdentityId">The Entra object id of the identity signing in (the message key).</param>
/// <param name="EventId">The sign-in's <c>id</c>.</param>
/// <param name="Time">The sign-in's <c>createdDateTime</c>.</param>
/// <param name="Payload">UTF-8 JSON of one Microsoft Graph <c>signIn</c> object.</param>
/// <param name="IsMalicious">True for events produced by an attacker.</param>
/// <param name="Scenario">What produced the event: <c>benign</c>, <c>benign-typo</c>, <c>benign-travel</c>, <c>benign-new-device</c> or <c>takeover</c>.</param>
public sealed record SimulatedSignIn(
    string IdentityId,
    string EventId,
    DateTimeOffset Time,
    byte[] Payload,
    bool IsMalicious,
    string? Scenario);
