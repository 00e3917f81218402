namespace RiskEngine.Simulation.Scenarios;

/// <summary>One planned occurrence of an attack or a benign look-alike.</summary>
/// <param name="Id">The scenario instance id labels carry, such as <c>password-spray-1</c>.</param>
/// <param name="Targets">The identities it happens to: users' ids, or workloads' identities (SPIFFE ID, Linkerd identity).</param>
public sealed record ScenarioInstance(string Id, string Kind, bool Malicious, IReadOnlyList<string> Targets)
{
    internal ScenarioTag Tag { get; } = new(Kind, Malicious, Id);
}
