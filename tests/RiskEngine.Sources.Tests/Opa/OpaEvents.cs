namespace RiskEngine.Sources.Tests.Opa;

/// <summary>
/// Decision events in the shapes OPA writes them for the integrations the default mapping covers. The
/// inputs follow each integration's documented input: the OPA HTTP API authorization tutorial, the
/// OPA-Envoy plugin (Envoy's ext_authz CheckRequest), kube-mgmt's AdmissionReview.
/// </summary>
internal static class OpaEvents
{
    public const string Labels = """{"id":"1780d507-aea2-45cc-ae50-fa153c8e4a5a","version":"0.70.0","app":"payroll"}""";

    /// <summary>The HTTP API authorization tutorial: <c>input.user</c> a string, <c>input.path</c> an array.</summary>
    public const string HttpApiTutorial = $$"""
        {
          "labels": {{Labels}},
          "decision_id": "4ca636c1-55e4-417a-b1d8-4aceb67960d1",
          "bundles": { "authz": { "revision": "W3sibCI6InN5cy9jYXRhbG9nIiwicyI6NDA3MX1d" } },
          "path": "httpapi/authz/allow",
          "input": { "method": "GET", "path": ["finance", "salary", "alice"], "user": "alice" },
          "result": true,
          "requested_by": "[::1]:59943",
          "timestamp": "2024-05-01T12:00:00.123456789Z",
          "metrics": { "timer_rego_query_eval_ns": 12345, "timer_server_handler_ns": 67890 },
          "req_id": 7
        }
        """;

    /// <summary>A subject object and a resource object; a result object that denies with a reason.</summary>
    public const string SubjectObject = $$"""
        {
          "labels": {{Labels}},
          "decision_id": "b7e2c1d4-0001-4000-8000-000000000002",
          "path": "/app/documents/authz",
          "input": {
            "subject": { "id": "alice", "type": "user", "roles": ["analyst"] },
            "resource": { "id": "doc-42", "type": "document", "classification": "confidential" },
            "action": "read",
            "session_id": "sess-9",
            "ip": "203.0.113.7"
          },
          "result": { "allow": false, "deny_reason": "analysts may not read confidential documents" },
          "timestamp": "2024-05-01T12:00:01.5Z"
        }
        """;

    /// <summary>A workload calling with its SPIFFE ID in <c>input.source</c>.</summary>
    public const string SpiffeSource = $$"""
        {
          "labels": {{Labels}},
          "decision_id": "b7e2c1d4-0001-4000-8000-000000000003",
          "path": "payments/authz/allow",
          "input": { "source": "spiffe://example.org/ns/payments/sa/api", "path": "/v1/charges", "method": "POST" },
          "result": true,
          "timestamp": "2024-05-01T12:00:02Z"
        }
        """;

    /// <summary>The OPA-Envoy plugin: Envoy's CheckRequest attributes, the peer's mTLS identity as principal.</summary>
    public const string EnvoyExtAuthz = $$"""
        {
          "labels": {{Labels}},
          "decision_id": "b7e2c1d4-0001-4000-8000-000000000004",
          "path": "envoy/authz/allow",
          "input": {
            "attributes": {
              "source": {
                "address": { "socketAddress": { "address": "10.36.4.41", "portValue": 47848 } },
                "principal": "spiffe://cluster.local/ns/payroll/sa/default"
              },
              "destination": {
                "address": { "socketAddress": { "address": "10.36.4.39", "portValue": 8080 } },
                "principal": "spiffe://cluster.local/ns/employees/sa/default"
              },
              "request": {
                "http": {
                  "id": "14694995155993896575",
                  "method": "POST",
                  "headers": { ":authority": "employee-manager", "authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" },
                  "path": "/employees",
                  "host": "employee-manager",
                  "protocol": "HTTP/1.1"
                }
              },
              "metadataContext": {}
            },
            "parsed_body": { "firstName": "John", "lastName": "Doe" },
            "parsed_path": ["employees"],
            "parsed_query": {},
            "truncated_body": false,
            "version": { "encoding": "protojson", "ext_authz": "v3" }
          },
          "result": { "allowed": false, "http_status": 403, "headers": { "x-ext-auth-allow": "no" } },
          "timestamp": "2024-05-01T12:00:03.000000001Z"
        }
        """;

    /// <summary>kube-mgmt: the AdmissionReview as input, an AdmissionReview response as result.</summary>
    public const string KubernetesAdmission = $$"""
        {
          "labels": {{Labels}},
          "decision_id": "b7e2c1d4-0001-4000-8000-000000000005",
          "path": "system/main",
          "input": {
            "kind": "AdmissionReview",
            "apiVersion": "admission.k8s.io/v1",
            "request": {
              "uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
              "kind": { "group": "", "version": "v1", "kind": "Pod" },
              "resource": { "group": "", "version": "v1", "resource": "pods" },
              "name": "nginx",
              "namespace": "default",
              "operation": "CREATE",
              "userInfo": { "username": "alice@example.com", "uid": "014fbff9a07c", "groups": ["system:authenticated", "dev"] },
              "object": { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "nginx" }, "spec": { "containers": [{ "name": "nginx", "image": "nginx" }] } },
              "dryRun": false
            }
          },
          "result": {
            "apiVersion": "admission.k8s.io/v1",
            "kind": "AdmissionReview",
            "response": { "uid": "705ab4f5-6393-11e8-b7cc-42010a800002", "allowed": false, "status": { "message": "image 'nginx' comes from an untrusted registry" } }
          },
          "timestamp": "2024-05-01T12:00:04.25+02:00"
        }
        """;

    /// <summary>A decision event as the console logger prints it (<c>decision_logs.console: true</c>).</summary>
    public const string ConsoleLine = """{"decision_id":"4ca636c1-55e4-417a-b1d8-4aceb67960d1","input":{"method":"GET","path":["finance","salary","alice"],"user":"alice"},"labels":{"id":"1780d507-aea2-45cc-ae50-fa153c8e4a5a","version":"0.70.0"},"level":"info","metrics":{"timer_rego_query_eval_ns":12345},"msg":"Decision Log","path":"httpapi/authz/allow","req_id":7,"requested_by":"[::1]:59943","result":true,"time":"2024-05-01T12:00:00Z","timestamp":"2024-05-01T12:00:00.123456789Z","type":"openpolicyagent.org/decision_logs"}""";

    /// <summary>A compact event for arrays: subject <paramref name="user"/>, allowed or not.</summary>
    public static string Compact(int index, string user = "alice", bool allow = true) =>
        $$"""{"labels":{"id":"opa-1","version":"0.70.0"},"decision_id":"d-{{index}}","path":"app/authz/allow","input":{"user":"{{user}}","method":"GET","path":"/reports/{{index}}"},"result":{{(allow ? "true" : "false")}},"timestamp":"2024-05-01T12:00:{{index % 60:D2}}.000000001Z"}""";
}
