using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// Failed-sign-in velocity for one identity: <see cref="FailedSignInBurstOptions.Threshold"/> failed
/// authentications in <see cref="FailedSignInBurstOptions.Window"/>, password guessing against it (or, with
/// denied MFA prompts among them, someone who has the password). It fires when the count reaches the
/// threshold, once per burst, not on every failure after. Guessing spread over many identities from one
/// address is <see cref="PasswordSpraySignal"/>'s.
/// </summary>
public sealed class FailedSignInBurstSignal : ISignal
{
    public const string SignalName = "failed-sign-in-burst";

    private readonly FailedSignInBurstOptions _options;

    public FailedSignInBurstSignal(FailedSignInBurstOptions options) => _options = options;

    public string Name => SignalName;

    // What it judges by (the recent failures) the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
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

        var earlier = state.SignIns?.FailuresBetween(identityEvent.Timestamp - _options.Window, identityEvent.Timestamp) ?? 0;
        var failures = earlier + 1;
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
