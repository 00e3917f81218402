using System.ComponentModel.DataAnnotations;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// The first sign-in from a non-compliant or unmanaged device by an identity that normally uses compliant or managed
/// ones. Judged against the identity's own habit rather than penalised every time: where people work from their
/// own devices, a penalty on every sign-in would only lower their trust by a constant, and pile up into revocations
/// for the users who sign in most.
/// </summary>
public sealed class UnmanagedDeviceOptions
{
    /// <summary>Sign-ins that said whether the device was compliant (or managed) before the habit counts.</summary>
    [Range(1, 10_000)]
    public int MinSignIns { get; set; } = 10;

    /// <summary>The share of those from compliant (or managed) devices that makes it the identity's habit.</summary>
    [Range(0.5, 1.0)]
    public double HabitShare { get; set; } = 0.9;

    [Range(0, 100)]
    public double Penalty { get; set; } = 15;
}
