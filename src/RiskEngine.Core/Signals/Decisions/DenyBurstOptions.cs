using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.Decisions;

public sealed class DenyBurstOptions
{
    public const int DefaultMaxDenies = 10;

    /// <summary>More denies than this within <see cref="Window"/> is a burst. Each costs 4 bytes of the decision state of an identity once denied.</summary>
    [Range(1, 64)]
    public int MaxDenies { get; set; } = DefaultMaxDenies;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    [Range(0, 100)]
    public double Penalty { get; set; } = 25;

    /// <summary>
    /// Denies an identity's state keeps: one more than <see cref="MaxDenies"/>, so a burst that goes on counts past
    /// the threshold and fires once, not on every deny.
    /// </summary>
    public static int DenyWindowCapacity(int maxDenies) => maxDenies + 1;
}
