using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>
/// Many failed sign-ins for one identity in a short window: password guessing against it.
/// It fires when the count reaches the threshold, once per burst, not on every failure after.
/// </summary>
public sealed class FailedSignInBurstSignal : ISignInSignal
{
    public const string SignalName = "failed-sign-in-burst";

    private readonly FailedSignInBurstOptions _options;

    public FailedSignInBurstSignal(FailedSignInBurstOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent signIn, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(state);
        if (signIn.Succeeded)
        {
            return null;
        }

        var failures = state.Failures.CountBetween(signIn.Timestamp - _options.Window, signIn.Timestamp) + 1;
        if (failures != _options.Threshold)
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"failed sign-in burst: {failures} failures in {_options.Window.TotalMinutes:N0} min, the last from {signIn.IpAddress ?? "an unknown IP"} ({signIn.FailureReason ?? $"error {signIn.ErrorCode}"})");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
