using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals;

/// <summary>
/// Many failed sign-ins for one identity in a short window: password guessing against it.
/// It fires when the count reaches the threshold, once per burst, not on every failure after.
/// </summary>
public sealed class FailedSignInBurstSignal : ISignal
{
    public const string SignalName = "failed-sign-in-burst";

    private readonly FailedSignInBurstOptions _options;

    public FailedSignInBurstSignal(FailedSignInBurstOptions options) => _options = options;

    public string Name => SignalName;

    // What it judges by (the last sign-in, devices, failures) the identity's state learns for every sign-in signal.
    public void Observe(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication())
        {
            return null;
        }

        if (identityEvent.Succeeded)
        {
            return null;
        }

        var failures = state.Failures.CountBetween(identityEvent.Timestamp - _options.Window, identityEvent.Timestamp) + 1;
        if (failures != _options.Threshold)
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"failed sign-in burst: {failures} failures in {_options.Window.TotalMinutes:N0} min, the last from {identityEvent.IpAddress ?? "an unknown IP"} ({identityEvent.FailureReason ?? $"error {identityEvent.ErrorCode}"})");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
