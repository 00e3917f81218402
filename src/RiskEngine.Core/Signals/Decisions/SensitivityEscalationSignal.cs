using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;

namespace RiskEngine.Core.Signals.Decisions;

/// <summary>
/// An identity allowed, for the first time, a resource more sensitive than any it was allowed before: the policy
/// let it through, but its history says it never needed that much. Judged only once the identity has a history.
/// </summary>
public sealed class SensitivityEscalationSignal : ISignal
{
    public const string SignalName = "sensitivity-escalation";

    private readonly SensitivityEscalationOptions _options;
    private readonly ResourceSensitivityClassifier _classifier;

    public SensitivityEscalationSignal(SensitivityEscalationOptions options, ResourceSensitivityClassifier classifier)
    {
        _options = options;
        _classifier = classifier;
    }

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        if (identityEvent.Kind != EventKind.PolicyDecision || !identityEvent.Succeeded ||
            state.Decisions is not { HighestAllowed: { } highest } decisions ||
            decisions.AllowedDecisions < _options.MinAllowedDecisions ||
            identityEvent.Timestamp < decisions.FirstDecisionAt + _options.LearningPeriod)
        {
            return null;
        }

        var sensitivity = _classifier.Classify(identityEvent);
        if (sensitivity <= highest)
        {
            return null;
        }

        var levels = sensitivity - highest;
        var label = identityEvent.Classification is { Length: > 0 } classification ? $", labelled \"{classification}\"" : string.Empty;
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"sensitivity escalation: first {sensitivity} access ({levels} {(levels == 1 ? "level" : "levels")} up), OPA allowed {identityEvent.Action ?? "-"} {identityEvent.Resource ?? identityEvent.AppDisplayName ?? "-"}{label}; " +
            $"its {decisions.AllowedDecisions} allowed decisions since {decisions.FirstDecisionAt.UtcDateTime:yyyy-MM-dd HH:mm}Z were at most {highest}");
        return new SignalFinding(SignalName, _options.PenaltyPerLevel * levels, evidence);
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
        if (identityEvent.Succeeded)
        {
            decisions.RecordAllowed(_classifier.Classify(identityEvent));
        }
    }
}
