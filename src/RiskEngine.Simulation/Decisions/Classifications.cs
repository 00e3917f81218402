namespace RiskEngine.Simulation.Decisions;

/// <summary>The classification labels documents carry in policy inputs, lowest first.</summary>
internal static class Classifications
{
    public const string Public = "public";
    public const string Internal = "internal";
    public const string Confidential = "confidential";
    public const string Restricted = "restricted";
}
