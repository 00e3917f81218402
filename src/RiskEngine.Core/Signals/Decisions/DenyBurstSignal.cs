using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Decisions;

/// <summary>
/// Many policy denies for one subject in a short window: something probing what it may do, or a stolen credential
/// used against resources its owner never touches. It fires when the count passes the limit, once per burst.
/// </summary>
public sealed class DenyBurstSignal : ISignal
{
    public const string SignalName = "deny-burst";

    private readonly DenyBurstOptions _options;

    public DenyBurstSignal(DenyBurstOptions options) => _options = options;

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.PolicyDecision || identityEvent.Succeeded || state.Decisions is not { } decisions)
        {
            return null;
        }

        var now = identityEvent.Timestamp;
        var denies = decisions.DeniesBetween(now - _options.Window, now) + 1;
        if (denies != _options.MaxDenies + 1)
        {
            return null;
        }

        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"{denies} OPA denies in {_options.Window.TotalMinutes:0.#} min (last: {identityEvent.Action ?? "-"} {identityEvent.Resource ?? identityEvent.AppDisplayName ?? "-"})");
        return new SignalFinding(SignalName, _options.Penalty, evidence);
    }

    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.PolicyDecision)
        {
            return;
        }

        var decisions = state.GetOrAddDecisions(identityEvent.Timestamp);
        if (!identityEvent.Succeeded)
        {
            decisions.RecordDeny(identityEvent.Timestamp);
        }
    }
}
