using System.Globalization;
using System.Text;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Core.Policy;

/// <summary>
/// Chooses what an assessed event does, by the thresholds of the sensitivity of what it touched:
/// <list type="bullet">
/// <item>a change of the identity's risk level is published once its score is below the risk-level-change threshold,
/// and from then on every change, either way, until it is back to none;</item>
/// <item>below the step-up threshold a user is asked to re-authenticate at a higher assurance level (a workload
/// cannot be, so it is left to the revoke threshold);</item>
/// <item>below the revoke threshold the session is revoked; that forces a new sign-in, so it counts as the step-up too.</item>
/// </list>
/// A step-up or revocation is taken once per episode: not again until the score has climbed back past the threshold
/// that took it by <see cref="TrustPolicyOptions.RearmMargin"/>.
/// A revocation the <see cref="BlastRadiusGuard"/> holds becomes a step-up for a user (once per held episode, even one
/// already asked to step up), and leaves the revocation episode unopened,
/// so once an analyst confirms, the identity's next event still below the threshold revokes.
/// </summary>
public sealed class TrustPolicy
{
    /// <summary>A finding that has decayed to less than this many points no longer weighs on the score and is not cited.</summary>
    private const double CitedPoints = 1;

    private readonly TrustOptions _options;
    private readonly ResourceSensitivityClassifier _classifier;
    private readonly BlastRadiusGuard? _guard;

    public TrustPolicy(TrustOptions options)
        : this(options, guard: null)
    {
    }

    /// <param name="guard">Asked before every revocation; null to revoke whatever the number.</param>
    public TrustPolicy(TrustOptions options, BlastRadiusGuard? guard)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _classifier = new ResourceSensitivityClassifier(options.Sensitivity);
        _guard = guard;
    }

    private SensitivityThresholds Thresholds => _options.Policy.Thresholds;

    public TrustDecision Decide(in TrustAssessment assessment, IdentityEvent identityEvent, IdentityState state)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        var sensitivity = _classifier.Classify(identityEvent);
        var thresholds = Thresholds.For(sensitivity);
        var score = assessment.Score;

        var revocationEpisode = Rearmed(state.RevocationEpisode, TrustAction.RevokeSession, score);
        var stepUpEpisode = Rearmed(state.StepUpEpisode, TrustAction.StepUp, score);
        var heldEpisode = Rearmed(state.HeldRevocationEpisode, TrustAction.RevokeSession, score);
        var actions = TrustAction.None;
        RevocationGate? gate = null;
        BlastRadiusTrip? heldBy = null;
        if (score < thresholds.Revoke && revocationEpisode is null)
        {
            gate = _guard?.Revoke(identityEvent, out heldBy) ?? RevocationGate.Allowed;
        }

        if (gate == RevocationGate.Allowed)
        {
            actions |= TrustAction.RevokeSession;
            revocationEpisode = sensitivity;
            stepUpEpisode ??= sensitivity;
            heldEpisode = null;
        }
        else if (heldBy is not null)
        {
            // The held revocation becomes a step-up even when one was asked earlier in the episode: the user's session
            // was to end, so at least it must prove itself again, once for the held episode.
            if (heldEpisode is null && identityEvent.PrincipalType == PrincipalType.User)
            {
                actions |= TrustAction.StepUp;
                stepUpEpisode = sensitivity;
            }

            heldEpisode ??= sensitivity;
        }
        else if (score < thresholds.StepUp && stepUpEpisode is null && identityEvent.PrincipalType == PrincipalType.User)
        {
            actions |= TrustAction.StepUp;
            stepUpEpisode = sensitivity;
        }

        state.RevocationEpisode = revocationEpisode;
        state.StepUpEpisode = stepUpEpisode;
        state.HeldRevocationEpisode = heldEpisode;

        var published = state.PublishedRiskLevel;
        if (PublishesLevel(assessment.Level, published, score < thresholds.RiskLevelChange))
        {
            actions |= TrustAction.RiskLevelChange;
        }

        // Back to no risk from a published LOW: receivers already hold LOW, the lowest level CAEP has.
        var publishes = (actions & TrustAction.RiskLevelChange) != 0;
        state.PublishedRiskLevel = publishes || assessment.Level == RiskLevel.None ? assessment.Level : published;
        if (actions == TrustAction.None && heldBy is null)
        {
            return TrustDecision.None;
        }

        return new TrustDecision
        {
            Actions = actions,
            Sensitivity = sensitivity,
            PreviousPublishedLevel = published,
            StepUpTo = thresholds.StepUpTo,
            RiskReason = publishes ? RiskReason(assessment, published, state) : null,
            RevocationHeldBy = heldBy,
            TrippedBlastRadiusGuard = gate == RevocationGate.Tripped,
            Reason = Explain(assessment, actions, heldBy, sensitivity, thresholds, published, state),
        };
    }

    /// <summary>The episode still open after this score, or null once the score has climbed past its threshold by the margin.</summary>
    private ResourceSensitivity? Rearmed(ResourceSensitivity? episode, TrustAction action, double score) =>
        episode is { } takenAt && score >= Thresholds.For(takenAt).For(action) + _options.Policy.RearmMargin ? null : episode;

    private static bool PublishesLevel(RiskLevel level, RiskLevel published, bool belowThreshold)
    {
        if (level == RiskLevel.None)
        {
            // CAEP has no "none": a published MEDIUM or HIGH is taken back as LOW, a published LOW stands.
            return published > RiskLevel.Low;
        }

        return level != published && (published != RiskLevel.None || belowThreshold);
    }

    private string RiskReason(in TrustAssessment assessment, RiskLevel published, IdentityState state)
    {
        if (Lowered(assessment.Level, published))
        {
            return "trust-recovered";
        }

        var names = new List<string>();
        foreach (var recent in StillWeighing(state))
        {
            if (!names.Contains(recent.Finding.Signal))
            {
                names.Add(recent.Finding.Signal);
            }
        }

        return names.Count == 0 ? "trust-lost" : string.Join(',', names);
    }

    private static bool Lowered(RiskLevel level, RiskLevel published) => level < published;

    // Names every signal still weighing on the score, not just this event's, because an action is usually the sum
    // of several: a burst of failures, then a sign-in from across the world.
    private string Explain(
        in TrustAssessment assessment,
        TrustAction actions,
        BlastRadiusTrip? heldBy,
        ResourceSensitivity sensitivity,
        ActionThresholds thresholds,
        RiskLevel published,
        IdentityState state)
    {
        var resources = sensitivity.ToString().ToLowerInvariant();
        var reason = new StringBuilder();
        reason.Append(CultureInfo.InvariantCulture, $"Trust score {assessment.Score:0} (was {assessment.PreviousScore:0})");
        if (actions.HasFlag(TrustAction.RevokeSession))
        {
            reason.Append(CultureInfo.InvariantCulture, $" fell below the revoke threshold {thresholds.Revoke:0} for {resources} resources");
        }
        else if (heldBy is not null)
        {
            reason.Append(CultureInfo.InvariantCulture, $" fell below the revoke threshold {thresholds.Revoke:0} for {resources} resources, but the blast-radius guard holds revocations until an analyst confirms ({heldBy.Describe()})");
            if (actions.HasFlag(TrustAction.StepUp))
            {
                reason.Append(CultureInfo.InvariantCulture, $": re-authenticate at {thresholds.StepUpTo.ToString().ToUpperInvariant()} instead");
            }
        }
        else if (actions.HasFlag(TrustAction.StepUp))
        {
            reason.Append(CultureInfo.InvariantCulture, $" fell below the step-up threshold {thresholds.StepUp:0} for {resources} resources: re-authenticate at {thresholds.StepUpTo.ToString().ToUpperInvariant()}");
        }

        if (actions.HasFlag(TrustAction.RiskLevelChange))
        {
            var level = assessment.Level == RiskLevel.None ? "back to low" : assessment.Level.ToString().ToLowerInvariant();
            reason.Append(CultureInfo.InvariantCulture, $"; risk level {level}");
            if (published != RiskLevel.None)
            {
                reason.Append(CultureInfo.InvariantCulture, $" (was {published.ToString().ToLowerInvariant()})");
            }
        }

        if (actions == TrustAction.RiskLevelChange && Lowered(assessment.Level, published))
        {
            reason.Append(CultureInfo.InvariantCulture, $": recovered {assessment.Recovery:0} toward its normal {assessment.Normal:0} with no signal firing");
            return reason.ToString();
        }

        var separator = ": ";
        foreach (var recent in StillWeighing(state))
        {
            reason.Append(separator).Append(recent.Finding.Evidence)
                .Append(CultureInfo.InvariantCulture, $" (-{recent.Finding.Penalty:0} at {recent.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z)");
            separator = "; ";
        }

        return reason.ToString();
    }

    private IEnumerable<TimedFinding> StillWeighing(IdentityState state)
    {
        var now = state.TrustScoreTime ?? DateTimeOffset.MinValue;
        foreach (var recent in state.RecentFindings)
        {
            if (recent.Finding.Penalty * HalfLife.Remaining(now - recent.At, _options.RecoveryHalfLife) >= CitedPoints)
            {
                yield return recent;
            }
        }
    }
}
