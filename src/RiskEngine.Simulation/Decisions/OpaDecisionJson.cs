using System.Text.Json;
using RiskEngine.Simulation.Mesh;

namespace RiskEngine.Simulation.Decisions;

/// <summary>
/// Writes OPA decision log events (OPA's <c>EventV1</c>) as the decision-log plugin emits them, one per decision:
/// for the document service's PEP (<c>input.user</c>, <c>input.resource</c>, <c>result.allow</c>) and for Envoy's
/// ext_authz filter through the OPA-Envoy plugin (Envoy's CheckRequest <c>attributes</c>, a boolean result).
/// </summary>
internal static class OpaDecisionJson
{
    private const string OpaVersion = "1.4.2";

    // One OPA per policy enforcement point, each with its instance id in every event's labels.
    private const string DocumentsOpaId = "6f0b3c54-2d1e-4a8f-9c7b-1e5d8a2f4b90";
    private const string SidecarOpaId = "c3a9e871-5b2f-4d06-8e14-7a9b0c2d3e5f";

    public static byte[] WriteDocument(DocumentDecision decision) => SimulationJson.WriteObject(json =>
    {
        WriteHeader(json, decision.DecisionId, DocumentsOpaId, "documents", "2026.10.30-1", "documents/authz");
        json.WriteStartObject("input");
        json.WriteString("user", decision.UserId);
        json.WriteString("action", decision.Action);
        json.WriteStartObject("resource");
        json.WriteString("id", decision.DocumentId);
        json.WriteString("type", "document");
        json.WriteString("classification", decision.Classification);
        json.WriteEndObject();
        json.WriteStringOrNull("session", decision.SessionId);
        json.WriteString("ip", decision.IpAddress);
        json.WriteEndObject();
        json.WriteStartObject("result");
        json.WriteBoolean("allow", decision.Allowed);
        if (decision.DenyReason is { } reason)
        {
            json.WriteString("deny_reason", reason);
        }

        json.WriteEndObject();
        WriteFooter(json, decision.PepAddress, decision.Time, decision.RequestNumber);
    });

    /// <summary>The decision Envoy's ext_authz filter asked for before <paramref name="request"/> went on.</summary>
    public static byte[] WriteExtAuthz(MeshRequest request, string decisionId, bool allowed, long requestNumber) => SimulationJson.WriteObject(json =>
    {
        WriteHeader(json, decisionId, SidecarOpaId, "envoy", "2026.10.28-3", "envoy/authz/allow");
        json.WriteStartObject("input");
        json.WriteStartObject("attributes");
        WritePeer(json, "source", request.SourceAddress, request.SourcePort, request.Source.Identity);
        WritePeer(json, "destination", request.DestinationAddress, request.Destination.Port, request.Destination.Identity);
        json.WriteStartObject("request");
        json.WriteStartObject("http");
        json.WriteString("id", request.RequestId);
        json.WriteString("method", request.Method);
        json.WriteStartObject("headers");
        json.WriteString(":authority", request.Destination.Authority);
        json.WriteString(":method", request.Method);
        json.WriteString(":path", request.Path);
        json.WriteString("user-agent", request.Source.UserAgent);
        json.WriteString("x-request-id", request.RequestId);
        json.WriteEndObject();
        json.WriteString("path", request.Path);
        json.WriteString("host", request.Destination.Authority);
        json.WriteString("protocol", request.Protocol);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("parsed_path");
        foreach (var segment in request.Path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            json.WriteStringValue(segment);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteBoolean("result", allowed);
        WriteFooter(json, $"{request.DestinationAddress}:{request.Destination.Port}", request.Time, requestNumber);
    });

    private static void WriteHeader(Utf8JsonWriter json, string decisionId, string opaId, string bundle, string revision, string path)
    {
        json.WriteString("decision_id", decisionId);
        json.WriteStartObject("labels");
        json.WriteString("id", opaId);
        json.WriteString("version", OpaVersion);
        json.WriteEndObject();
        json.WriteStartObject("bundles");
        json.WriteStartObject(bundle);
        json.WriteString("revision", revision);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("path", path);
    }

    private static void WriteFooter(Utf8JsonWriter json, string requestedBy, DateTimeOffset time, long requestNumber)
    {
        json.WriteString("requested_by", requestedBy);
        json.WriteString("timestamp", SimulationJson.FormatNanoseconds(time));
        json.WriteStartObject("metrics");

        // Evaluation times vary with the request; derived from its number so that they too repeat run after run.
        json.WriteNumber("timer_rego_query_eval_ns", 40_000 + (requestNumber * 7919 % 160_000));
        json.WriteNumber("timer_server_handler_ns", 90_000 + (requestNumber * 104_729 % 400_000));
        json.WriteEndObject();
        json.WriteNumber("req_id", requestNumber);
    }

    private static void WritePeer(Utf8JsonWriter json, string name, string address, int port, string principal)
    {
        json.WriteStartObject(name);
        json.WriteStartObject("address");
        json.WriteStartObject("socketAddress");
        json.WriteString("address", address);
        json.WriteNumber("portValue", port);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("principal", principal);
        json.WriteEndObject();
    }
}
