using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// An interactive sign-in over a legacy protocol (which cannot do MFA), or with one factor from a network and an autonomous
/// system the identity has not used, by an identity whose interactive sign-ins habitually satisfy MFA: a password alone let someone in
/// through a door MFA did not guard.
/// </summary>
public sealed class SingleFactorSignInOptions
{
    /// <summary>Interactive sign-ins that said whether MFA was satisfied before the habit counts.</summary>
    [Range(1, 10_000)]
    public int MinSignIns { get; set; } = 10;

    /// <summary>The share of those that satisfied MFA that makes it the identity's habit.</summary>
    [Range(0.5, 1.0)]
    public double HabitShare { get; set; } = 0.9;

    [Range(0, 100)]
    public double Penalty { get; set; } = 25;
}
