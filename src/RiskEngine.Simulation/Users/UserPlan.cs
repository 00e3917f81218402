namespace RiskEngine.Simulation.Users;

/// <summary>A user with the scenarios planned for the user, as the planner assigns them.</summary>
internal sealed class UserPlan(UserProfile profile)
{
    public UserProfile Profile { get; } = profile;

    public List<UserScenario> Scenarios { get; } = [];

    public List<ScheduledAttempt> Attempts { get; } = [];

    /// <summary>Plans <paramref name="scenario"/> for the user.</summary>
    /// <returns>The user's identity id.</returns>
    public string Add(UserScenario scenario)
    {
        Scenarios.Add(scenario);
        return Profile.Identity.IdentityId;
    }
}
