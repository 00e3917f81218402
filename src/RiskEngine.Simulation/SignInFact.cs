namespace RiskEngine.Simulation;

/// <summary>Everything about one sign-in before it is written as JSON.</summary>
internal sealed record SignInFact(
    DateTimeOffset Time,
    string Id,
    SimulatedIdentity User,
    App App,
    Device Device,
    City City,
    string IpAddress,
    string SessionId,
    string CorrelationId,
    SignInStatus Status,
    bool MultiFactor,
    bool IsMalicious,
    string Scenario);
