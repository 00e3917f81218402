namespace RiskEngine.Thresholds.Api;

/// <summary>What a bearer token of the thresholds API may do.</summary>
public static class ThresholdsScopes
{
    /// <summary>Look at the thresholds in force and their history.</summary>
    public const string Read = "thresholds:read";

    /// <summary>Change them and roll them back; implies <see cref="Read"/>.</summary>
    public const string Write = "thresholds:write";
}
