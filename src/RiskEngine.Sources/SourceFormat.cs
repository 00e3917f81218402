namespace RiskEngine.Sources;

/// <summary>The input formats a source topic can carry.</summary>
public enum SourceFormat
{
    /// <summary>Several formats on one topic: each message's format is detected from its fields.</summary>
    Auto,

    /// <summary>Microsoft Entra ID sign-ins: Graph signIn objects or the diagnostic-settings envelope.</summary>
    Entra,

    /// <summary>Okta System Log LogEvents, one per message or an array of them.</summary>
    Okta,

    /// <summary>Istio/Envoy JSON access log lines.</summary>
    Envoy,

    /// <summary>Linkerd proxy JSON access log lines.</summary>
    Linkerd,

    /// <summary>OPA decision log events: one event, a console line, or a (gzip-compressed) array.</summary>
    Opa,
}
