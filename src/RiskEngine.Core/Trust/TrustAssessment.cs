namespace RiskEngine.Core.Trust;

/// <summary>
/// What one event did to its identity's trust, and why: the score the identity's last event left, what it won back
/// since (only when no signal fired), the penalties of the signals that fired, and the score and level after.
/// <c>PreviousScore + Recovery - Penalty</c> is <see cref="Score"/>, clamped to 0..100.
/// Serialises with <see cref="TrustJsonContext"/> for analysts and dashboards.
/// </summary>
public readonly record struct TrustAssessment
{
    /// <summary>The score the identity's previous event left it with.</summary>
    public double PreviousScore { get; init; }

    /// <summary>
    /// Trust regained since the previous event, toward <see cref="Normal"/>: zero when a signal fired on this event
    /// (recovery is earned by events that set nothing off) or when the event is older than the score.
    /// </summary>
    public double Recovery { get; init; }

    /// <summary>The identity's normal after this event: what its score recovers toward.</summary>
    public double Normal { get; init; }

    /// <summary>The sum of the findings' <see cref="WeightedFinding.Points"/>.</summary>
    public double Penalty { get; init; }

    public double Score { get; init; }

    /// <summary>The level of <see cref="PreviousScore"/>.</summary>
    public RiskLevel PreviousLevel { get; init; }

    public RiskLevel Level { get; init; }

    /// <summary>The signals that fired on this event, empty when none did.</summary>
    public IReadOnlyList<WeightedFinding> Findings { get; init; }
}
