using System.Globalization;

namespace RiskEngine.Functions.Tests.Fixtures;

/// <summary>Event bodies as the producers write them to Event Hubs.</summary>
internal static class Bodies
{
    /// <summary>An Entra diagnostic-settings record (category SignInLogs) of a sign-in of <paramref name="userId"/>; <paramref name="errorCode"/> 50126 is a wrong password.</summary>
    public static string EntraRecord(string id, string userId, DateTimeOffset time, int errorCode, string ip = "203.0.113.7") =>
        string.Create(CultureInfo.InvariantCulture,
            $$$$"""{"time":"{{{{time:O}}}}","resourceId":"/tenants/t-1/providers/Microsoft.aadiam","operationName":"Sign-in activity","category":"SignInLogs","tenantId":"t-1","resultType":"{{{{errorCode}}}}","callerIpAddress":"{{{{ip}}}}","Level":4,"properties":{"id":"{{{{id}}}}","createdDateTime":"{{{{time:O}}}}","userId":"{{{{userId}}}}","userPrincipalName":"{{{{userId}}}}@contoso.com","appDisplayName":"Office 365","ipAddress":"{{{{ip}}}}","status":{"errorCode":{{{{errorCode}}}},"failureReason":null}}}""");

    /// <summary>One Event Hubs message as Entra's diagnostic settings send it: many records in one envelope.</summary>
    public static string EntraEnvelope(params string[] records) => $$"""{"records":[{{string.Join(',', records)}}]}""";

    /// <summary>An Istio (Envoy) access log line of <paramref name="source"/> calling httpbin.</summary>
    public static string EnvoyLine(string requestId, string source, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"authority":"httpbin:8000","bytes_received":0,"bytes_sent":135,"downstream_local_address":"10.44.1.27:80","downstream_peer_uri_san":"{{source}}","downstream_remote_address":"10.44.1.23:37652","duration":4,"method":"GET","path":"/status/200","protocol":"HTTP/1.1","request_id":"{{requestId}}","response_code":200,"response_flags":"-","start_time":"{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}","upstream_cluster":"inbound|80||","user_agent":"curl/8.5.0","source_principal":"{{source}}","destination_principal":"spiffe://cluster.local/ns/foo/sa/httpbin"}""");

    /// <summary>An OPA decision log event: <paramref name="user"/> asking to read a salary; <paramref name="allowed"/> is the result.</summary>
    public static string OpaDecision(string decisionId, string user, DateTimeOffset time, bool allowed) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"labels":{"id":"1780d507-aea2-45cc-ae50-fa153c8e4a5a","version":"0.70.0"},"decision_id":"{{decisionId}}","path":"httpapi/authz/allow","input":{"method":"GET","path":["finance","salary","alice"],"user":"{{user}}"},"result":{{(allowed ? "true" : "false")}},"timestamp":"{{time:O}}"}""");
}
