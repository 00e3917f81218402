namespace RiskEngine.Core.Policy.BlastRadius;

/// <summary>What the blast-radius guard says to a revocation the policy decided on.</summary>
public enum RevocationGate
{
    Allowed,

    /// <summary>The guard was already tripped: the revocation is held.</summary>
    Held,

    /// <summary>This revocation tripped the guard, and is the first one held.</summary>
    Tripped,
}
