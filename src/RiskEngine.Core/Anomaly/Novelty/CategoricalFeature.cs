namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>The categorical features of a sign-in that novelty is scored on.</summary>
public enum CategoricalFeature
{
    IpAddress,
    Asn,
    Country,
    UserAgent,
    Device,
}
