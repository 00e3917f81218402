using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Users;

/// <summary>A password tried on a user's account at a time of the attacker's choosing (a spray, a brute force).</summary>
internal sealed record ScheduledAttempt(DateTimeOffset Time, ScenarioTag Tag, City Origin, string IpAddress, SignInStatus Status);
