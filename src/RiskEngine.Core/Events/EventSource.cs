namespace RiskEngine.Core.Events;

/// <summary>The product that wrote an event.</summary>
public enum EventSource
{
    EntraId,
    Okta,
    Envoy,
    Linkerd,
    Opa,
}
