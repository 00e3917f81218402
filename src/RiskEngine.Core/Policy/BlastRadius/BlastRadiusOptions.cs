using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Policy.BlastRadius;

/// <summary>
/// When revocations within a sliding window of event time exceed a share of the identities active in it, something
/// other than attackers is most likely at work (a poisoned model or threshold, a flood of forged events): the engine
/// holds revocations, asking for a step-up instead, until an analyst confirms. Bound from "Trust:BlastRadius"; read
/// when the engine starts (a change needs a restart), since the window is sized for it.
/// </summary>
public sealed class BlastRadiusOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Event time over which revocations and active identities are counted; it slides in tenths.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The guard trips when revocations in the window are more than this share of the identities active in it.</summary>
    [Range(0.0001, 1.0)]
    public double MaxActionShare { get; set; } = 0.05;

    /// <summary>Below this many active identities in the window it never trips: among a few identities one attack is a large share.</summary>
    [Range(1, int.MaxValue)]
    public int MinActiveIdentities { get; set; } = 200;

    /// <summary>Below this many revocations in the window it never trips, whatever their share.</summary>
    [Range(1, int.MaxValue)]
    public int MinActions { get; set; } = 20;
}
