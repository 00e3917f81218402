using System.Globalization;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// Service-mesh access log lines the size and shape the proxies write them, varied by index so no two are
/// byte-identical: Istio inbound (server-side) lines in Istio's default JSON format plus the caller's and the
/// callee's SPIFFE IDs (about 950 bytes, of which Istio's default fields are about 780), and Linkerd proxy
/// JSON lines (about 450 bytes). The traffic is a mesh of fifty workloads calling each other: mostly 2xx, some
/// 3xx/4xx/5xx, RBAC and ext_authz denials and resets, paths with ids and query strings, a few user agents,
/// forwarded addresses and browsers on ingress traffic. Identities, hosts and user agents recur as they do in
/// a real mesh, which the decoders' string caches rely on; paths and request ids do not.
/// </summary>
internal static class MeshSamples
{
    private static readonly string[] Namespaces = ["shop", "payments", "identity", "catalog", "default"];

    private static readonly string[] Workloads = ["frontend", "checkout", "cart", "orders", "ledger", "reviews", "ratings", "search", "auth", "notifier"];

    private static readonly string[] Paths =
    [
        "/api/v1/orders/{0}", "/api/v1/orders/{0}/items?include=price&currency=EUR", "/cart/{0}", "/healthz", "/api/v2/users/{0}/profile",
        "/reviews/{0}", "/ratings/{0}?user=jason", "/search?q=red+shoes&page={0}", "/ledger/accounts/{0}/entries?from=2026-11-01&token=eyJhbGciOiJSUzI1NiJ9",
        "/grpc.health.v1.Health/Check", "/payments.v1.PaymentService/Authorize", "/static/js/app.{0}.js",
    ];

    private static readonly string[] UserAgents = ["grpc-go/1.62.1", "python-requests/2.31.0", "Envoy/1.30.1-dev", "okhttp/4.12.0", "Go-http-client/1.1"];

    /// <summary>What browsers send through the ingress gateway, on the lines with a forwarded address.</summary>
    private const string BrowserUserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "GET", "PUT", "GET", "DELETE", "GET", "POST"];

    /// <summary>An Istio inbound line in Envoy's typed JSON (numbers as numbers, null for none), with both principals.</summary>
    public static string IstioInbound(int index)
    {
        var (status, flags, details) = Outcome(index);
        var caller = Workload(index);
        var callee = Workload((index * 7) + 3);
        var service = Workloads[((index * 7) + 3) % Workloads.Length];
        var forwarded = index % 5 == 0 ? $"\"203.0.{index % 250}.{index % 199}\"" : "null";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"authority":"{{service}}:8080","bytes_received":{{(index % 3) * 187}},"bytes_sent":{{300 + (index % 4000)}},"connection_termination_details":null,"downstream_local_address":"10.244.{{index % 7}}.{{index % 250}}:8080","downstream_remote_address":"10.244.{{(index + 3) % 7}}.{{(index * 13) % 250}}:{{32768 + (index % 28000)}}","duration":{{index % 97}},"method":"{{Methods[index % Methods.Length]}}","path":"{{Path(index)}}","protocol":"HTTP/1.1","request_id":"{{index:x8}}-6d84-429d-98bd-c5aee93b{{index % 10000:D4}}","requested_server_name":"outbound_.8080_._.{{service}}.shop.svc.cluster.local","response_code":{{status}},"response_code_details":"{{details}}","response_flags":"{{flags}}","route_name":"default","start_time":"2026-11-22T08:{{index / 60 % 60:D2}}:{{index % 60:D2}}.{{index % 1000:D3}}Z","upstream_cluster":"inbound|8080||","upstream_host":"10.244.{{index % 7}}.{{index % 250}}:8080","upstream_local_address":"127.0.0.6:{{40000 + (index % 20000)}}","upstream_service_time":"{{index % 90}}","upstream_transport_failure_reason":null,"user_agent":"{{UserAgent(index)}}","x_forwarded_for":{{forwarded}},"source_principal":"{{caller}}","destination_principal":"{{callee}}"}
            """);
    }

    /// <summary>The same kind of line from a text template: every value a string, "-" for none.</summary>
    public static string IstioInboundTemplated(int index)
    {
        var (status, flags, details) = Outcome(index);
        var caller = Workload(index);
        var service = Workloads[((index * 7) + 3) % Workloads.Length];
        var forwarded = index % 5 == 0 ? $"203.0.{index % 250}.{index % 199}, 10.244.0.1" : "-";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"start_time":"2026-11-22T08:{{index / 60 % 60:D2}}:{{index % 60:D2}}.{{index % 1000:D3}}Z","method":"{{Methods[index % Methods.Length]}}","path":"{{Path(index)}}","protocol":"HTTP/2","response_code":"{{status}}","response_flags":"{{flags}}","response_code_details":"{{details}}","connection_termination_details":"-","upstream_transport_failure_reason":"-","bytes_received":"{{(index % 3) * 187}}","bytes_sent":"{{300 + (index % 4000)}}","duration":"{{index % 97}}","upstream_service_time":"{{index % 90}}","x_forwarded_for":"{{forwarded}}","user_agent":"{{UserAgent(index)}}","request_id":"{{index:x8}}-6d84-429d-98bd-c5aee93b{{index % 10000:D4}}","authority":"{{service}}:8080","upstream_host":"10.244.{{index % 7}}.{{index % 250}}:8080","upstream_cluster":"inbound|8080||","upstream_local_address":"127.0.0.6:{{40000 + (index % 20000)}}","downstream_local_address":"10.244.{{index % 7}}.{{index % 250}}:8080","downstream_remote_address":"10.244.{{(index + 3) % 7}}.{{(index * 13) % 250}}:{{32768 + (index % 28000)}}","requested_server_name":"outbound_.8080_._.{{service}}.shop.svc.cluster.local","route_name":"default","source_principal":"-","downstream_peer_uri_san":"{{caller}}","destination_principal":"-","upstream_peer_uri_san":"-"}
            """);
    }

    /// <summary>A Linkerd proxy JSON access log line, as in Linkerd's documentation, with the caller's identity.</summary>
    public static string Linkerd(int index)
    {
        var status = Outcome(index).Status is var code and not 0 ? code : 504;
        var ns = Namespace(index);
        var caller = Workloads[index % Workloads.Length];
        var service = Workloads[((index * 7) + 3) % Workloads.Length];
        var requestBytes = Methods[index % Methods.Length] is "POST" or "PUT" ? ((index % 50) + 20).ToString(CultureInfo.InvariantCulture) : "";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"client.addr":"10.42.{{index % 7}}.{{index % 250}}:{{32768 + (index % 28000)}}","client.id":"{{caller}}.{{ns}}.serviceaccount.identity.linkerd.cluster.local","host":"{{service}}:7000","method":"{{Methods[index % Methods.Length]}}","processing_ns":"{{30000 + (index % 20000)}}","request_bytes":"{{requestBytes}}","response_bytes":"{{300 + (index % 20000)}}","status":{{status}},"timestamp":"2026-11-22T08:{{index / 60 % 60:D2}}:{{index % 60:D2}}.{{index * 7919 % 1000000000:D9}}Z","total_ns":"{{1000000 + (index * 7919 % 20000000)}}","trace_id":"{{(index % 3 == 0 ? "" : $"{index:x16}{index * 31:x16}")}}","uri":"http://{{service}}:7000{{Path(index)}}","user_agent":"{{UserAgent(index)}}","version":"HTTP/2.0"}
            """);
    }

    private static string UserAgent(int index) => index % 5 == 0 ? BrowserUserAgent : UserAgents[index % UserAgents.Length];

    private static string Workload(int index) =>
        $"spiffe://cluster.local/ns/{Namespace(index)}/sa/{Workloads[index % Workloads.Length]}";

    /// <summary>With the workload, one of fifty identities.</summary>
    private static string Namespace(int index) => Namespaces[index / Workloads.Length % Namespaces.Length];

    private static string Path(int index) => string.Format(CultureInfo.InvariantCulture, Paths[index % Paths.Length], 1000 + (index % 9000));

    /// <summary>Mostly answered, some redirects and client errors, RBAC and ext_authz denials, resets and upstream failures.</summary>
    private static (int Status, string Flags, string Details) Outcome(int index) => (index % 40) switch
    {
        0 => (403, "-", "rbac_access_denied_matched_policy[none]"),
        1 => (403, "UAEX", "ext_authz_denied"),
        2 => (503, "UF,URX", "upstream_reset_before_response_started{connection_failure}"),
        3 => (0, "DC", "downstream_remote_disconnect"),
        4 or 5 => (404, "-", "via_upstream"),
        6 => (302, "-", "via_upstream"),
        7 => (500, "-", "via_upstream"),
        _ => (200, "-", "via_upstream"),
    };
}
