using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Mesh;

/// <summary>An attack by a workload on <see cref="Destination"/>, requests arriving at <see cref="PerMinute"/> in [<see cref="Start"/>, <see cref="End"/>).</summary>
internal sealed record MeshScenario(ScenarioTag Tag, Workload Source, Workload Destination, DateTimeOffset Start, DateTimeOffset End, double PerMinute);
