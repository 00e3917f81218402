using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Trust;

/// <summary>
/// An identity's normal: the score its trust recovers toward. Every penalty also lowers the normal by a share of
/// itself, and the normal climbs back to full trust slowly, so an identity that keeps setting signals off settles
/// lower than one that set one off once, but never below the floor. Bound from "Trust:Baseline".
/// </summary>
public sealed class TrustBaselineOptions
{
    /// <summary>Event time, across events that fire no signal, in which the normal wins back half its distance to full trust.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The part of each penalty (after its weight) that also lowers the normal.</summary>
    [Range(0, 1)]
    public double PenaltyShare { get; set; } = 0.25;

    /// <summary>The lowest the normal goes, so recovery always brings an identity back at least this far.</summary>
    [Range(0, 100)]
    public double Floor { get; set; } = 80;
}
