namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>What an attacker's sign-in is assumed to look like: the numerator of each likelihood ratio.</summary>
public enum AttackerLikelihood
{
    /// <summary>
    /// A value drawn uniformly from the values the population has shown plus the allowance for unseen ones,
    /// p = 1/(D + M): the rarer a value is in the population, the more a newcomer to the identity weighs.
    /// </summary>
    Uniform,

    /// <summary>
    /// Freeman et al.'s assumption, p(x | attack) = p(x): attackers look like the population. With the identity's
    /// history smoothed toward the population, a value new to the identity then scores (n + μ)/μ whatever its rarity.
    /// </summary>
    Population,
}
