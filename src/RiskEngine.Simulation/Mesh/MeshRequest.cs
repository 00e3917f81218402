namespace RiskEngine.Simulation.Mesh;

/// <summary>One HTTP request between workloads, as the callee's proxy logs it.</summary>
/// <param name="ResponseCodeDetails">Why Envoy answered as it did: <c>via_upstream</c>, <c>rbac_access_denied_matched_policy[none]</c>, <c>ext_authz_denied</c>.</param>
/// <param name="ResponseFlags">Envoy's response flags, <c>-</c> for none.</param>
internal sealed record MeshRequest(
    DateTimeOffset Time,
    Workload Source,
    string SourceAddress,
    int SourcePort,
    Workload Destination,
    string DestinationAddress,
    string Method,
    string Path,
    string Protocol,
    int Status,
    string ResponseCodeDetails,
    string ResponseFlags,
    long BytesReceived,
    long BytesSent,
    double DurationMs,
    string RequestId);
