namespace RiskEngine.Simulation.Mesh;

/// <summary>A route of a workload's API: <c>{id}</c> in the path stands for a number drawn per request.</summary>
internal sealed record Endpoint(string Method, string Path, long RequestBytes, long ResponseBytes);
