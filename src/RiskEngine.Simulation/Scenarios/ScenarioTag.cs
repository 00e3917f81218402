namespace RiskEngine.Simulation.Scenarios;

/// <summary>What an event is part of: its scenario kind, whether an attacker made it, and the occurrence it belongs to.</summary>
/// <param name="InstanceId">The scenario instance (one per attack or look-alike occurrence); null for ordinary benign traffic.</param>
internal sealed record ScenarioTag(string Kind, bool Malicious, string? InstanceId)
{
    public static ScenarioTag Benign { get; } = new(ScenarioKinds.Benign, Malicious: false, InstanceId: null);
}
