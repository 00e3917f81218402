namespace RiskEngine.Caep;

/// <summary>Issuer and audiences stamped on every Security Event Token; checked by <see cref="CaepOptionsValidator"/>.</summary>
public sealed class CaepOptions
{
    public const string DefaultIssuer = "https://riskengine.local";
    public const string DefaultAudience = "https://pep.riskengine.local";

    /// <summary>The <c>iss</c> claim; receivers refuse SETs whose issuer differs from the stream's configured one.</summary>
    public string Issuer { get; set; } = DefaultIssuer;

    /// <summary>
    /// The <c>aud</c> claim: a single string for one audience, an array for several.
    /// Configuration binding appends bound items to this default rather than replacing it,
    /// so a host that binds audiences from configuration should clear the list first.
    /// </summary>
    public IList<string> Audiences { get; set; } = [DefaultAudience];

    /// <summary>
    /// Off (null) by default. When set, every <c>risk-level-change</c> the scoring stage issues is followed by a
    /// <c>token-claims-change</c> giving this claim the new level, <c>{"claims":{"&lt;name&gt;":"LOW|MEDIUM|HIGH"}}</c>,
    /// for receivers that put the risk into the tokens they issue (e.g. <c>risk_level</c>).
    /// </summary>
    public string? RiskClaimName { get; set; }
}
