using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>The settings every "never seen for this identity" signal shares; each subclass sets its own defaults.</summary>
public abstract class NoveltyOptions
{
    /// <summary>An identity's first sign-ins all bring "new" values; judge only once there is a history.</summary>
    [Range(0, 100_000)]
    public int MinSuccessfulSignIns { get; set; }

    [Range(0, 100)]
    public double Penalty { get; set; }
}
