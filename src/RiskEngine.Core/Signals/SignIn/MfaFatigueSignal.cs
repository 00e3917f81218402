using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.SignIn;

/// <summary>
/// An MFA approval after a run of denied MFA prompts (<see cref="MfaFatigueOptions"/>). A denial is an
/// authentication that failed with <see cref="IdentityEvent.MfaSatisfied"/> false: a denied Okta Verify push, an
/// Okta factor that failed, an Entra sign-in failing with 500121; an approval one that succeeded with MFA
/// satisfied. It fires at the approval, once per run: the denials counted are those since the previous approval.
/// </summary>
public sealed class MfaFatigueSignal : ISignal
{
    public const string SignalName = "mfa-fatigue";

    private readonly MfaFatigueOptions _options;

    public MfaFatigueSignal(MfaFatigueOptions options) => _options = options;

    public string Name => SignalName;

    // The denials are among the failures the identity's sign-in history keeps, marked as denials.
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
    }

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (!identityEvent.Kind.IsAuthentication() || !identityEvent.Succeeded || identityEvent.MfaSatisfied != true ||
            state.SignIns is not { } history)
        {
            return null;
        }

        var approvedAt = identityEvent.Timestamp;
        var denials = history.MfaDenialsSinceApproval(approvedAt - _options.Window, approvedAt, out var first);
        if (denials < _options.MinDenials)
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"MFA fatigue: {denials} denied MFA prompts in {Math.Max(1, Math.Ceiling((approvedAt - first).TotalMinutes)):N0} min, then approved from {identityEvent.IpAddress ?? "an unknown address"} ({identityEvent.DescribeLocation()})");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }
}
