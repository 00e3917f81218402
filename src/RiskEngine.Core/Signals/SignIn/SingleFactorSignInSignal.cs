using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// A successful interactive sign-in on a legacy protocol, or on a single factor from a network (/24, /48) and an
/// autonomous system the identity has not used, by an identity that habitually uses MFA
/// (<see cref="SingleFactorSignInOptions"/>). A single factor from a network the identity knows, or from its home
/// provider's next dynamic address, is what conditional access allows on trusted networks and remembered sessions,
/// and is not judged; a password alone from somewhere new is how a stolen one gets in. Non-interactive sign-ins are not
/// judged either: a token refresh rides on an earlier sign-in's MFA, and Entra logs it as single-factor.
/// </summary>
public sealed class SingleFactorSignInSignal : ISignal
{
    public const string SignalName = "single-factor-sign-in";

    private readonly SingleFactorSignInOptions _options;

    public SingleFactorSignInSignal(SingleFactorSignInOptions options) => _options = options;

    public string Name => SignalName;

    // The habit (how many interactive sign-ins satisfied MFA) the identity's sign-in history learns.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.SignIn || !identityEvent.Interactive || !identityEvent.Succeeded ||
            state.SignIns is not { } history)
        {
            return null;
        }

        var legacy = identityEvent.LegacyAuthentication == true;
        var singleFactorFromElsewhere = identityEvent.MfaSatisfied == false &&
            !history.Knows(SignInTrait.Network, keys.NetworkKey) &&
            !history.Knows(SignInTrait.AutonomousSystem, keys.AutonomousSystemKey);
        if ((!legacy && !singleFactorFromElsewhere) ||
            history.Mfa.Known < _options.MinSignIns || history.Mfa.Fraction < _options.HabitShare)
        {
            return null;
        }

        var how = legacy ? "legacy authentication (no MFA possible)" : "single-factor sign-in from a new network and ASN";
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"{how} to {identityEvent.AppDisplayName ?? "an application"} from {identityEvent.IpAddress ?? "an unknown address"}, where {history.Mfa} earlier interactive sign-ins used MFA");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
