namespace RiskEngine.Http.Observability;

/// <summary>
/// The engine's <c>/status</c> endpoint. Bound from "StatusApi". Bearer tokens, one per line with the scopes each grants
/// (<see cref="StatusScopes"/>), come from <see cref="TokenFile"/> (re-read when it changes) and RISKENGINE_STATUS_TOKEN;
/// without one every request is refused. <c>/healthz</c> needs no token: probes cannot carry secrets, and it says no figures.
/// </summary>
public sealed class StatusApiOptions
{
    public const string SectionName = "StatusApi";
    public const string TokenEnvironmentVariable = "RISKENGINE_STATUS_TOKEN";

    public string? TokenFile { get; set; }
}
