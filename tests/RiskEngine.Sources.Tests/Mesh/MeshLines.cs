namespace RiskEngine.Sources.Tests.Mesh;

/// <summary>
/// Access log lines as the proxies write them. The Envoy lines follow Istio's default JSON
/// <c>accessLogFormat</c> (Envoy's typed JSON output: numbers as numbers, null for an absent value) with the
/// workload identities added as operators do (<c>%DOWNSTREAM_PEER_URI_SAN%</c> and friends); the request is
/// the one of Istio's access-log task (sleep calling httpbin's /status/418), seen from both sidecars. The
/// Linkerd lines are those of Linkerd's access-logging documentation (booksapp).
/// </summary>
internal static class MeshLines
{
    /// <summary>The server side: httpbin's sidecar receiving sleep's mTLS request.</summary>
    public const string IstioInbound = """
        {"authority":"httpbin:8000","bytes_received":0,"bytes_sent":135,"connection_termination_details":null,"downstream_local_address":"10.44.1.27:80","downstream_peer_uri_san":"spiffe://cluster.local/ns/foo/sa/sleep","downstream_remote_address":"10.44.1.23:37652","duration":4,"method":"GET","path":"/status/418","protocol":"HTTP/1.1","request_id":"84961386-6d84-929d-98bd-c5aee93b5c88","requested_server_name":"outbound_.8000_._.httpbin.foo.svc.cluster.local","response_code":418,"response_code_details":"via_upstream","response_flags":"-","route_name":"default","start_time":"2020-11-25T21:26:18.409Z","upstream_cluster":"inbound|80||","upstream_host":"10.44.1.27:80","upstream_local_address":"127.0.0.6:41517","upstream_service_time":"3","upstream_transport_failure_reason":null,"user_agent":"curl/7.73.0-DEV","x_forwarded_for":null,"source_principal":"spiffe://cluster.local/ns/foo/sa/sleep","destination_principal":"spiffe://cluster.local/ns/foo/sa/httpbin"}
        """;

    /// <summary>The client side of the same request: sleep's sidecar, whose caller (the app) spoke plaintext.</summary>
    public const string IstioOutbound = """
        {"authority":"httpbin:8000","bytes_received":0,"bytes_sent":135,"connection_termination_details":null,"downstream_local_address":"10.0.45.184:8000","downstream_peer_uri_san":null,"downstream_remote_address":"10.44.1.23:46520","duration":4,"method":"GET","path":"/status/418","protocol":"HTTP/1.1","request_id":"84961386-6d84-929d-98bd-c5aee93b5c88","requested_server_name":null,"response_code":418,"response_code_details":"via_upstream","response_flags":"-","route_name":"default","start_time":"2020-11-25T21:26:18.409Z","upstream_cluster":"outbound|8000||httpbin.foo.svc.cluster.local","upstream_host":"10.44.1.27:80","upstream_local_address":"10.44.1.23:37652","upstream_peer_uri_san":"spiffe://cluster.local/ns/foo/sa/httpbin","upstream_service_time":"4","upstream_transport_failure_reason":null,"user_agent":"curl/7.73.0-DEV","x_forwarded_for":null}
        """;

    /// <summary>An inbound request refused by an AuthorizationPolicy: Envoy's RBAC filter answered 403 itself.</summary>
    public const string IstioRbacDenied = """
        {"authority":"reviews:9080","bytes_received":0,"bytes_sent":19,"connection_termination_details":null,"downstream_local_address":"10.244.0.21:9080","downstream_peer_uri_san":"spiffe://cluster.local/ns/default/sa/bookinfo-productpage","downstream_remote_address":"10.244.0.17:46522","duration":0,"method":"GET","path":"/reviews/0?user=jason","protocol":"HTTP/1.1","request_id":"5b1b1c2e-9f3a-4f7c-9d2e-0a6b8f4c3d21","requested_server_name":"outbound_.9080_._.reviews.default.svc.cluster.local","response_code":403,"response_code_details":"rbac_access_denied_matched_policy[none]","response_flags":"-","route_name":null,"start_time":"2024-05-01T12:00:00.123Z","upstream_cluster":"inbound|9080||","upstream_host":null,"upstream_local_address":null,"upstream_service_time":null,"upstream_transport_failure_reason":null,"user_agent":"python-requests/2.31.0","x_forwarded_for":null}
        """;

    /// <summary>The same kind of line written by a text template, every value a string and "-" for none.</summary>
    public const string IstioTemplatedStrings = """
        {"start_time":"2024-05-01T12:00:01.5Z","method":"POST","path":"/api/orders?token=eyJhbGciOi&email=ada%40example.com","protocol":"HTTP/2","response_code":"503","response_flags":"UF,URX","response_code_details":"upstream_reset_before_response_started{connection_failure}","connection_termination_details":"-","upstream_transport_failure_reason":"-","bytes_received":"156","bytes_sent":"91","duration":"30004","upstream_service_time":"-","x_forwarded_for":"-","user_agent":"-","request_id":"f47ac10b-58cc-4372-a567-0e02b2c3d479","authority":"orders.shop.svc.cluster.local:8080","upstream_host":"10.244.3.12:8080","upstream_cluster":"inbound|8080||","upstream_local_address":"-","downstream_local_address":"10.244.3.12:8080","downstream_remote_address":"10.244.1.5:33210","requested_server_name":"outbound_.8080_._.orders.shop.svc.cluster.local","route_name":"default","source_principal":"-","downstream_peer_uri_san":"spiffe://cluster.local/ns/shop/sa/checkout","destination_principal":"-","upstream_peer_uri_san":"-"}
        """;

    /// <summary>A TCP proxy line: a database connection over mTLS; no method, no status.</summary>
    public const string IstioTcp = """
        {"authority":null,"bytes_received":4096,"bytes_sent":18231,"connection_termination_details":null,"downstream_local_address":"10.244.2.9:5432","downstream_peer_uri_san":"spiffe://cluster.local/ns/shop/sa/orders","downstream_remote_address":"10.244.1.5:50122","duration":60012,"method":null,"path":null,"protocol":null,"request_id":null,"requested_server_name":"outbound_.5432_._.postgres.shop.svc.cluster.local","response_code":0,"response_code_details":null,"response_flags":"-","route_name":null,"start_time":"2024-05-01T12:00:02.000Z","upstream_cluster":"inbound|5432||","upstream_host":"10.244.2.9:5432","upstream_local_address":"127.0.0.6:40111","upstream_service_time":null,"upstream_transport_failure_reason":null,"user_agent":null,"x_forwarded_for":null}
        """;

    /// <summary>An Entra ID Graph signIn.</summary>
    public const string EntraSignIn = """
        {"id":"66ea54eb-6301-4ee5-be62-ff5a759b8100","createdDateTime":"2024-03-01T10:15:30Z","userPrincipalName":"ada@contoso.com","userId":"d1f5a3b2-0000-4000-8000-00000000ada1","appDisplayName":"Office 365","ipAddress":"203.0.113.7","status":{"errorCode":0}}
        """;

    /// <summary>An OPA decision log event: note its top-level "path".</summary>
    public const string OpaDecision = """
        {"decision_id":"4ca636c1-55e4-417a-b1d8-4aceb67960d1","labels":{"id":"e9f0f1d2","version":"0.63.0"},"path":"app/authz/allow","input":{"method":"GET","path":["finance","salary","alice"],"user":"bob"},"result":false,"requested_by":"10.0.0.7:51424","timestamp":"2024-05-01T12:00:00.123456Z","metrics":{"timer_rego_query_eval_ns":61923}}
        """;

    /// <summary>An Okta System Log LogEvent.</summary>
    public const string OktaLogEvent = """
        {"uuid":"f6c3a8e0-d5b3-11ee-9b3c-4f3b2c1d0e9f","published":"2024-03-01T08:00:00.000Z","eventType":"user.session.start","severity":"INFO","actor":{"id":"00u1abcd","type":"User","alternateId":"ada@example.com"},"client":{"ipAddress":"203.0.113.7","userAgent":{"rawUserAgent":"Mozilla/5.0"}},"outcome":{"result":"SUCCESS"}}
        """;

    /// <summary>The lines of Linkerd's access-logging documentation, booksapp's traffic to webapp.</summary>
    public static readonly string[] LinkerdDocs =
    [
        """{"client.addr":"10.42.0.70:32996","client.id":"traffic.booksapp.serviceaccount.identity.linkerd.cluster.local","host":"webapp:7000","method":"GET","processing_ns":"39826","request_bytes":"","response_bytes":"19627","status":200,"timestamp":"2022-08-23T20:33:42.321746212Z","total_ns":"14441135","trace_id":"","uri":"http://webapp:7000/","user_agent":"Go-http-client/1.1","version":"HTTP/2.0"}""",
        """{"client.addr":"10.42.0.70:32996","client.id":"traffic.booksapp.serviceaccount.identity.linkerd.cluster.local","host":"webapp:7000","method":"POST","processing_ns":"30036","request_bytes":"33","response_bytes":"0","status":303,"timestamp":"2022-08-23T20:33:42.436964052Z","total_ns":"14122403","trace_id":"","uri":"http://webapp:7000/authors","user_agent":"Go-http-client/1.1","version":"HTTP/2.0"}""",
        """{"client.addr":"10.42.0.70:32996","client.id":"traffic.booksapp.serviceaccount.identity.linkerd.cluster.local","host":"webapp:7000","method":"GET","processing_ns":"38664","request_bytes":"","response_bytes":"2350","status":200,"timestamp":"2022-08-23T20:33:42.551768300Z","total_ns":"6998222","trace_id":"","uri":"http://webapp:7000/authors/105","user_agent":"Go-http-client/1.1","version":"HTTP/2.0"}""",
        """{"client.addr":"10.42.0.70:32996","client.id":"traffic.booksapp.serviceaccount.identity.linkerd.cluster.local","host":"webapp:7000","method":"POST","processing_ns":"42492","request_bytes":"46","response_bytes":"0","status":303,"timestamp":"2022-08-23T20:33:42.659401621Z","total_ns":"9274163","trace_id":"","uri":"http://webapp:7000/books","user_agent":"Go-http-client/1.1","version":"HTTP/2.0"}""",
        """{"client.addr":"10.42.0.1:56300","client.id":"-","host":"10.42.0.69:7000","method":"GET","processing_ns":"35848","request_bytes":"","response_bytes":"4","status":200,"timestamp":"2022-08-23T20:33:49.254262428Z","total_ns":"1416066","trace_id":"","uri":"/ping","user_agent":"kube-probe/1.24","version":"HTTP/1.1"}""",
    ];

    /// <summary><paramref name="line"/> with the first <c>"name":value</c> replaced; value is raw JSON.</summary>
    public static string With(string line, string name, string value)
    {
        var key = $"\"{name}\":";
        var start = line.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return line.Insert(line.LastIndexOf('}'), $",{key}{value}");
        }

        var valueStart = start + key.Length;
        var valueEnd = ValueEnd(line, valueStart);
        return string.Concat(line.AsSpan(0, valueStart), value, line.AsSpan(valueEnd));
    }

    /// <summary><paramref name="line"/> without its <c>"name":value</c> property.</summary>
    public static string Without(string line, string name)
    {
        var key = $"\"{name}\":";
        var start = line.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return line;
        }

        var end = ValueEnd(line, start + key.Length);
        if (line[end] == ',')
        {
            end++;
        }
        else if (line[start - 1] == ',')
        {
            start--;
        }

        return string.Concat(line.AsSpan(0, start), line.AsSpan(end));
    }

    private static int ValueEnd(string line, int valueStart)
    {
        if (line[valueStart] == '"')
        {
            var i = valueStart + 1;
            while (line[i] != '"')
            {
                i += line[i] == '\\' ? 2 : 1;
            }

            return i + 1;
        }

        var depth = 0;
        for (var i = valueStart; ; i++)
        {
            switch (line[i])
            {
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']' when depth > 0:
                    depth--;
                    break;
                case ',' or '}' or ']' when depth == 0:
                    return i;
            }
        }
    }
}
