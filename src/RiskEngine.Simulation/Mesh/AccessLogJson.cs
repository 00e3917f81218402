using System.Globalization;
using RiskEngine.Core.Hashing;

namespace RiskEngine.Simulation.Mesh;

/// <summary>
/// Writes a request as the callee's proxy logs it: Istio's default JSON access log (Envoy's typed JSON, keys in
/// the sorted order Envoy writes them) with the caller's and callee's SPIFFE IDs added as operators do, or
/// Linkerd's JSON access log (numbers written as strings, as the proxy does).
/// </summary>
internal static class AccessLogJson
{
    /// <summary>What Envoy writes in response_code_details when the upstream answered.</summary>
    public const string Upstream = "via_upstream";

    public static byte[] WriteEnvoy(MeshRequest request)
    {
        // Envoy answered itself (RBAC or ext_authz refused the caller): nothing went upstream.
        var upstream = request.ResponseCodeDetails == Upstream;
        var destination = request.Destination;
        return SimulationJson.WriteObject(json =>
        {
            json.WriteString("authority", destination.Authority);
            json.WriteNumber("bytes_received", request.BytesReceived);
            json.WriteNumber("bytes_sent", request.BytesSent);
            json.WriteNull("connection_termination_details");
            json.WriteString("destination_principal", destination.Identity);
            json.WriteString("downstream_local_address", $"{request.DestinationAddress}:{destination.Port}");
            json.WriteString("downstream_remote_address", $"{request.SourceAddress}:{request.SourcePort}");
            json.WriteNumber("duration", (long)Math.Round(request.DurationMs));
            json.WriteString("method", request.Method);
            json.WriteString("path", request.Path);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("request_id", request.RequestId);
            json.WriteString("requested_server_name", $"outbound_.{destination.Port}_._.{destination.Name}.{destination.Namespace}.svc.cluster.local");
            json.WriteNumber("response_code", request.Status);
            json.WriteString("response_code_details", request.ResponseCodeDetails);
            json.WriteString("response_flags", request.ResponseFlags);
            json.WriteString("route_name", "default");
            json.WriteString("source_principal", request.Source.Identity);
            json.WriteString("start_time", SimulationJson.FormatMilliseconds(request.Time));
            json.WriteString("upstream_cluster", $"inbound|{destination.Port}||");
            json.WriteStringOrNull("upstream_host", upstream ? $"{request.DestinationAddress}:{destination.Port}" : null);
            json.WriteStringOrNull("upstream_local_address", upstream ? $"127.0.0.6:{(request.SourcePort * 7 % 28000) + 32768}" : null);
            json.WriteStringOrNull("upstream_service_time", upstream ? Math.Max(1, (long)(request.DurationMs * 0.8)).ToString(CultureInfo.InvariantCulture) : null);
            json.WriteNull("upstream_transport_failure_reason");
            json.WriteString("user_agent", request.Source.UserAgent);
            json.WriteNull("x_forwarded_for");
        });
    }

    public static byte[] WriteLinkerd(MeshRequest request)
    {
        var destination = request.Destination;
        return SimulationJson.WriteObject(json =>
        {
            json.WriteString("client.addr", $"{request.SourceAddress}:{request.SourcePort}");
            json.WriteString("client.id", request.Source.Identity);
            json.WriteString("host", destination.Authority);
            json.WriteString("method", request.Method);
            json.WriteString("processing_ns", Nanoseconds(request.DurationMs * 0.004));
            json.WriteString("request_bytes", request.BytesReceived > 0 ? request.BytesReceived.ToString(CultureInfo.InvariantCulture) : "");
            json.WriteString("response_bytes", request.BytesSent.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("status", request.Status);
            json.WriteString("timestamp", SimulationJson.FormatNanoseconds(request.Time));
            json.WriteString("total_ns", Nanoseconds(request.DurationMs));
            json.WriteString("trace_id", "");
            json.WriteString("uri", $"http://{destination.Authority}{request.Path}");
            json.WriteString("user_agent", request.Source.UserAgent);
            json.WriteString("version", request.Protocol);
        });
    }

    /// <summary>The id the decoder gives a line: its prefix and the XXH64 of the line's bytes, in 16 hex digits.</summary>
    public static string EventId(string prefix, ReadOnlySpan<byte> line) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{XxHash64.Hash(line):x16}");

    private static string Nanoseconds(double milliseconds) => ((long)(milliseconds * 1_000_000)).ToString(CultureInfo.InvariantCulture);
}
