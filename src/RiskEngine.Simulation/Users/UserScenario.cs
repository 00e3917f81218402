using RiskEngine.Simulation.Scenarios;

namespace RiskEngine.Simulation.Users;

/// <summary>
/// An attack on a user, or a look-alike the user shows, that begins once the user has signed in successfully
/// <see cref="AfterSuccesses"/> times in the run (so that it has a history to stand out from); the night shift
/// and the VPN are standing habits, there from the start.
/// </summary>
/// <param name="Place">Where a trip goes, or the VPN gateway the user's sessions leave through.</param>
internal sealed record UserScenario(ScenarioTag Tag, int AfterSuccesses, City? Place = null);
