namespace RiskEngine.Http.Observability;

/// <summary>What a bearer token of the status endpoint may do.</summary>
public static class StatusScopes
{
    /// <summary>Read the engine's figures: events in and out, dead letters, latency, lag, actions, outbox depth.</summary>
    public const string Read = "status:read";
}
