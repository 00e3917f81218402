namespace RiskEngine.Core.Policy;

/// <summary>How much harm misuse of a resource does, in increasing order; policy thresholds are set per sensitivity.</summary>
public enum ResourceSensitivity
{
    Public,
    Internal,
    Confidential,
    Restricted,
}
