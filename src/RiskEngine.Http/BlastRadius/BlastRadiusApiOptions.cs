namespace RiskEngine.Http.BlastRadius;

/// <summary>
/// The blast-radius guard's admin API (<c>/admin/blast-radius</c>). Bound from "BlastRadiusApi"; the guard's own settings
/// are "Trust:BlastRadius". Bearer tokens, one per line with the scopes each grants (<see cref="BlastRadiusScopes"/>),
/// come from <see cref="TokenFile"/> (re-read when it changes) and RISKENGINE_BLAST_RADIUS_TOKEN; without one every
/// request is refused.
/// </summary>
public sealed class BlastRadiusApiOptions
{
    public const string SectionName = "BlastRadiusApi";
    public const string TokenEnvironmentVariable = "RISKENGINE_BLAST_RADIUS_TOKEN";

    public string? TokenFile { get; set; }
}
