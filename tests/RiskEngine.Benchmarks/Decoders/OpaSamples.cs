using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// OPA decision events the size and shape OPA writes them, varied by index so no two are byte-identical: the
/// OPA-Envoy plugin's (Envoy's ext_authz attributes with request headers, about 2 KB), and the HTTP API
/// authorization tutorial's (a small input, about 600 bytes). Uploads are what the decision-log plugin POSTs:
/// a gzip-compressed JSON array.
/// </summary>
internal static class OpaSamples
{
    public static string EnvoyDecision(int index) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"labels":{"id":"1780d507-aea2-45cc-ae50-fa153c8e4a5a","version":"0.70.0","app":"payroll","env":"prod"},"decision_id":"4ca636c1-55e4-417a-b1d8-{{{index:D12}}}","bundles":{"envoy/authz":{"revision":"W3sibCI6InN5cy9jYXRhbG9nIiwicyI6NDA3MX1d"}},"path":"envoy/authz/allow","input":{"attributes":{"source":{"address":{"socketAddress":{"address":"10.36.{{{index % 250}}}.{{{index % 200}}}","portValue":{{{40000 + (index % 20000)}}}}},"principal":"spiffe://cluster.local/ns/payroll/sa/worker-{{{index % 50}}}"},"destination":{"address":{"socketAddress":{"address":"10.36.4.39","portValue":8080}},"principal":"spiffe://cluster.local/ns/employees/sa/default"},"request":{"time":"2026-11-22T08:{{{index % 60:D2}}}:{{{index % 59:D2}}}.123456Z","http":{"id":"1469499515599389{{{index:D4}}}","method":"{{{(index % 3 == 0 ? "POST" : "GET")}}}","headers":{":authority":"employee-manager",":method":"GET",":path":"/employees/{{{index % 1000}}}",":scheme":"http","accept":"application/json","authorization":"Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ3b3JrZXIte3tpbmRleH19In0.c2lnbmF0dXJl","user-agent":"payroll-worker/2.4.1","x-forwarded-proto":"http","x-request-id":"9b2c{{{index:D4}}}-0d1e-4f2a-8b3c-4d5e6f708192","x-b3-traceid":"4bf92f3577b34da6a3ce929d0e0e{{{index % 10000:D4}}}","x-envoy-attempt-count":"1"},"path":"/employees/{{{index % 1000}}}","host":"employee-manager","protocol":"HTTP/1.1","scheme":"http"}},"metadataContext":{},"routeMetadataContext":{}},"parsed_body":null,"parsed_path":["employees","{{{index % 1000}}}"],"parsed_query":{},"truncated_body":false,"version":{"encoding":"protojson","ext_authz":"v3"}},"result":{{{(index % 10 == 0 ? "{\"allowed\":false,\"http_status\":403,\"headers\":{\"x-ext-auth-allow\":\"no\"}}" : "{\"allowed\":true,\"headers\":{\"x-ext-auth-allow\":\"yes\"}}")}}},"requested_by":"127.0.0.1:{{{50000 + (index % 10000)}}}","timestamp":"2026-11-22T08:{{{index % 60:D2}}}:{{{index % 59:D2}}}.{{{index % 1_000_000_000:D9}}}Z","metrics":{"timer_rego_input_parse_ns":{{{10000 + index}}},"timer_rego_query_eval_ns":{{{80000 + index}}},"timer_server_handler_ns":{{{120000 + index}}}},"req_id":{{{index + 1}}}}
        """);

    public static string HttpApiDecision(int index) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"labels":{"id":"1780d507-aea2-45cc-ae50-fa153c8e4a5a","version":"0.70.0"},"decision_id":"b7e2c1d4-0001-4000-8000-{{{index:D12}}}","bundles":{"authz":{"revision":"W3sibCI6InN5cy9jYXRhbG9nIiwicyI6NDA3MX1d"}},"path":"httpapi/authz/allow","input":{"method":"GET","path":["finance","salary","user{{{index % 500}}}"],"user":"user{{{index % 700}}}","session_id":"sess-{{{index % 900:D6}}}","ip":"203.0.{{{index % 250}}}.{{{index % 200}}}"},"result":{{{(index % 7 == 0 ? "false" : "true")}}},"requested_by":"[::1]:{{{50000 + (index % 10000)}}}","timestamp":"2026-11-22T08:{{{index % 60:D2}}}:{{{index % 59:D2}}}.{{{index % 1_000_000_000:D9}}}Z","metrics":{"timer_rego_query_eval_ns":{{{12000 + index}}}},"req_id":{{{index + 1}}}}
        """);

    /// <summary>An upload body as OPA's decision-log plugin sends it: the events as one JSON array, gzip-compressed.</summary>
    public static byte[] GzipUpload(IEnumerable<string> events)
    {
        var json = Encoding.UTF8.GetBytes("[" + string.Join(',', events) + "]");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        return compressed.ToArray();
    }
}
