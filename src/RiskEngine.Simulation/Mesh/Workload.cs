namespace RiskEngine.Simulation.Mesh;

/// <summary>A deployment in a mesh: its service account, the addresses of its pods, and how its clients identify themselves.</summary>
/// <param name="ExternalAuthorization">Its sidecars ask OPA (Envoy ext_authz) before passing a request on.</param>
/// <param name="BulkPath">An endpoint that returns a lot at once (an export), what an exfiltrating caller pulls.</param>
internal sealed record Workload(
    string Name,
    string Namespace,
    MeshKind Mesh,
    int Port,
    IReadOnlyList<string> PodIps,
    string UserAgent,
    bool ExternalAuthorization,
    string BulkPath)
{
    /// <summary>The identity the mesh gives it: a SPIFFE ID in Istio, the proxy's mTLS identity in Linkerd.</summary>
    public string Identity => Mesh == MeshKind.Istio
        ? $"spiffe://cluster.local/ns/{Namespace}/sa/{Name}"
        : $"{Name}.{Namespace}.serviceaccount.identity.linkerd.cluster.local";

    /// <summary>The host clients call it by.</summary>
    public string Authority => Mesh == MeshKind.Istio ? $"{Name}.{Namespace}.svc.cluster.local:{Port}" : $"{Name}:{Port}";
}
