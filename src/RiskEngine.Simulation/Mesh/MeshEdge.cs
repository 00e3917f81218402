using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Mesh;

/// <summary>One workload calling another at a steady rate, from <see cref="ActiveFrom"/> on.</summary>
/// <param name="Tag">What its requests are: ordinary traffic, or a deployment's new edge.</param>
internal sealed record MeshEdge(
    Workload Source,
    Workload Destination,
    double PerMinute,
    IReadOnlyList<Endpoint> Endpoints,
    DateTimeOffset ActiveFrom,
    ScenarioTag Tag);
