using RiskEngine.Core.Policy;

namespace RiskEngine.Core.Identity;

/// <summary>
/// What the engine remembers of the policy decisions about an identity: its recent denies, and the most sensitive
/// resource it has been allowed, with how much history stands behind that. Allocated by <see cref="IdentityState"/>
/// on the identity's first decision, so identities no policy engine judges pay nothing.
/// </summary>
public sealed class DecisionHistory
{
    private readonly long _firstDecisionTicks;
    private sbyte _highestAllowed = -1;

    public DecisionHistory(int denyWindowCapacity, DateTimeOffset firstDecisionAt)
    {
        Denies = new FailureWindow(denyWindowCapacity);
        _firstDecisionTicks = firstDecisionAt.UtcTicks;
    }

    public DateTimeOffset FirstDecisionAt => new(_firstDecisionTicks, TimeSpan.Zero);

    /// <summary>The event times of the latest denies.</summary>
    public FailureWindow Denies { get; }

    public int AllowedDecisions { get; private set; }

    /// <summary>The most sensitive resource the identity has been allowed, or null before its first allowed decision.</summary>
    public ResourceSensitivity? HighestAllowed => _highestAllowed < 0 ? null : (ResourceSensitivity)_highestAllowed;

    public void RecordAllowed(ResourceSensitivity sensitivity)
    {
        // Saturates: a busy workload's ext_authz decisions would pass int.MaxValue within weeks.
        if (AllowedDecisions < int.MaxValue)
        {
            AllowedDecisions++;
        }

        _highestAllowed = Math.Max(_highestAllowed, (sbyte)sensitivity);
    }
}
