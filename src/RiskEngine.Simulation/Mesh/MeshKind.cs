namespace RiskEngine.Simulation.Mesh;

/// <summary>The service mesh a workload runs in, which decides the access log format of the requests it serves.</summary>
internal enum MeshKind
{
    /// <summary>Istio: Envoy sidecars writing Istio's JSON access log, workloads named by SPIFFE IDs.</summary>
    Istio,

    /// <summary>Linkerd: proxies writing Linkerd's JSON access log, workloads named by their mTLS identity.</summary>
    Linkerd,
}
