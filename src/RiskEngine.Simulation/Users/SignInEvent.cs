using RiskEngine.Core.Events;
using RiskEngine.Simulation.Scenarios;
using RiskEngine.Simulation.Traffic;
using RiskEngine.Sources;

namespace RiskEngine.Simulation.Users;

/// <summary>A user's sign-in (or, in Okta, a step of it), written as the user's identity provider logs it.</summary>
internal sealed class SignInEvent(SignInFact fact, IdentityProvider provider, ScenarioTag tag)
    : TrafficEvent(fact.Time, fact.User.IdentityId, tag)
{
    private readonly SignInFact _fact = fact with { Time = EventTime.Truncate(fact.Time) };

    public override SourceFormat Format => provider == IdentityProvider.Entra ? SourceFormat.Entra : SourceFormat.Okta;

    public override EventSource Source => provider == IdentityProvider.Entra ? EventSource.EntraId : EventSource.Okta;

    public override byte[] Write() => provider == IdentityProvider.Entra ? SignInJson.WriteSignIn(_fact) : OktaLogEventJson.Write(_fact);

    public override string EventId(ReadOnlySpan<byte> payload) => _fact.Id;
}
