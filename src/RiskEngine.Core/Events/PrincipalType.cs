namespace RiskEngine.Core.Events;

/// <summary>Whether an identity is a person or a workload (a service principal, a SPIFFE ID, a mesh identity).</summary>
public enum PrincipalType
{
    User,
    Workload,
}
