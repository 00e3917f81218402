using RiskEngine.Core.Events;

namespace RiskEngine.Simulation.Labels;

/// <summary>
/// The ground truth of one simulated event, joined to what the engine decoded by (<see cref="Source"/>,
/// <see cref="EventId"/>): the decoder's <c>IdentityEvent.Source</c> and <c>EventId</c>.
/// </summary>
/// <param name="EventId">The id the decoder gives the event: Entra's <c>id</c>, Okta's <c>uuid</c>, OPA's <c>decision_id</c>, and for
/// Envoy and Linkerd lines, which carry none, <c>envoy:</c>/<c>linkerd:</c> and the XXH64 of the line's bytes.</param>
/// <param name="IdentityId">Who the engine scores the event under: a user's Entra object id or Okta user id, a workload's identity.</param>
/// <param name="Time">The event time the decoder reads.</param>
/// <param name="Kind">A <see cref="Scenarios.ScenarioKinds"/> name.</param>
/// <param name="ScenarioId">The scenario instance: one per attack or look-alike occurrence (recall counts these); null for ordinary traffic.</param>
/// <param name="AttackStartedAt">For an attack, the time of its first malicious event.</param>
public sealed record EventLabel(
    EventSource Source,
    string EventId,
    string IdentityId,
    DateTimeOffset Time,
    string Kind,
    bool Malicious,
    string? ScenarioId,
    DateTimeOffset? AttackStartedAt);
