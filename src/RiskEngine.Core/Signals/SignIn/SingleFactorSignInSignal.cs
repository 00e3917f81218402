using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A successful interactive sign-in on a single factor or a legacy protocol by an identity that habitually uses MFA
/// (<see cref="SingleFactorSignInOptions"/>). Non-interactive sign-ins are not judged: a token refresh rides on an
/// earlier sign-in's MFA, and Entra logs it as single-factor.
/// </summary>
public sealed class SingleFactorSignInSignal : ISignal
{
    public const string SignalName = "single-factor-sign-in";

    private readonly SingleFactorSignInOptions _options;

    public SingleFactorSignInSignal(SingleFactorSignInOptions options) => _options = options;

    public string Name => SignalName;

    // The habit (how many interactive sign-ins satisfied MFA) the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.SignIn || !identityEvent.Interactive || !identityEvent.Succeeded ||
            state.SignIns is not { } history)
        {
            return null;
        }

        var legacy = identityEvent.LegacyAuthentication == true;
        if ((!legacy && identityEvent.MfaSatisfied != false) ||
            history.Mfa.Known < _options.MinSignIns || history.Mfa.Fraction < _options.HabitShare)
        {
            return null;
        }

        var how = legacy ? "legacy authentication (no MFA possible)" : "single-factor sign-in";
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"{how} to {identityEvent.AppDisplayName ?? "an application"} from {identityEvent.IpAddress ?? "an unknown address"}, where {history.Mfa} earlier interactive sign-ins used MFA");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
