using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Policy.BlastRadius;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>
/// The second half of the pipeline: score an event against its identity's state, decide, and sign the SETs the
/// decision calls for. State is kept per input partition, so when a partition moves to another instance its
/// identities' state can be dropped here. Not thread-safe: one instance per thread.
/// </summary>
/// <remarks>
/// Trust settings are reloaded without a restart: a change the options monitor accepts (it validates first) takes
/// effect from the next event. The signals keep the settings they started with, since identity state is sized
/// for them (known devices, the failure window), and so does the blast-radius guard, whose window is; a reload that
/// fails validation leaves everything as it was.
/// </remarks>
public sealed class ScoringStage : IDisposable
{
    private readonly SecurityEventTokenIssuer _issuer;
    private readonly IDisposable? _reloads;
    private readonly TrustOptions _initial;
    private readonly IReadOnlyList<ISignal> _signals;
    private readonly ScoringContext _context;
    private readonly BlastRadiusGuard _guard;

    // Indexed by CaepRiskLevel; built once so a risk change allocates no claims. Null when CaepOptions.RiskClaimName is not set.
    private readonly TokenClaimsChange[]? _riskClaimChanges;
    private readonly Dictionary<int, IdentityStateStore> _partitions = [];
    private TrustScorer _scorer;
    private TrustPolicy _policy;
    private TrustOptions? _reloaded;
    private int _thresholdVersion;

    /// <param name="context">What the stage's signals know beyond one identity, and the models loaded into it.</param>
    public ScoringStage(IOptionsMonitor<TrustOptions> trust, ScoringContext context, SecurityEventTokenIssuer issuer)
        : this(trust, context, issuer, caep: null)
    {
    }

    /// <param name="context">What the stage's signals know beyond one identity, and the models loaded into it.</param>
    /// <param name="caep">Its <see cref="CaepOptions.RiskClaimName"/> turns on a token-claims-change after each risk-level-change.</param>
    public ScoringStage(IOptionsMonitor<TrustOptions> trust, ScoringContext context, SecurityEventTokenIssuer issuer, CaepOptions? caep)
        : this(trust, context, issuer, caep, guard: null)
    {
    }

    /// <param name="context">What the stage's signals know beyond one identity, and the models loaded into it.</param>
    /// <param name="caep">Its <see cref="CaepOptions.RiskClaimName"/> turns on a token-claims-change after each risk-level-change.</param>
    /// <param name="guard">The instance's guard, shared by its stages; null for one of this stage's own, from Trust:BlastRadius.</param>
    public ScoringStage(IOptionsMonitor<TrustOptions> trust, ScoringContext context, SecurityEventTokenIssuer issuer, CaepOptions? caep, BlastRadiusGuard? guard)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(issuer);
        _initial = trust.CurrentValue;
        _context = context;
        _scorer = TrustScorer.Create(_initial, _context);
        _signals = _scorer.Signals;
        _guard = guard ?? new BlastRadiusGuard(_initial.BlastRadius);
        _policy = new TrustPolicy(_initial, _guard);
        _thresholdVersion = _initial.ThresholdVersion;
        _issuer = issuer;
        if (caep?.RiskClaimName is { } claim)
        {
            _riskClaimChanges = [.. Enum.GetValues<CaepRiskLevel>().Select(level => new TokenClaimsChange(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [claim] = RiskLevelChange.LevelName(level),
            }))];
        }

        _reloads = trust.OnChange(options => Volatile.Write(ref _reloaded, options));
    }

    public void Score(int partition, IdentityEvent identityEvent, IScoringSink sink)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(sink);
        ApplyReload();
        if (!_partitions.TryGetValue(partition, out var states))
        {
            states = new IdentityStateStore(_initial);
            _partitions.Add(partition, states);
        }

        var state = states.GetOrAdd(identityEvent.IdentityId);
        _guard.Observe(identityEvent);
        var assessment = _scorer.Assess(identityEvent, state);
        var decision = _policy.Decide(assessment, identityEvent, state);
        sink.OnScored(new ScoredEvent(identityEvent, assessment, decision, _thresholdVersion));
        if (decision.TrippedBlastRadiusGuard)
        {
            sink.OnBlastRadiusTripped(decision.RevocationHeldBy!);
        }

        if (decision.Actions == TrustAction.None)
        {
            return;
        }

        // The enforcing SET first: it is the one a PEP is waiting for. Every SET of one event shares its txn.
        var cause = new SecurityEventCause
        {
            IdentityId = identityEvent.IdentityId,
            Email = state.UserPrincipalName,
            SessionId = identityEvent.SessionId,
            TriggeringEventId = identityEvent.EventId,
            EventTime = identityEvent.Timestamp,
            ReasonAdmin = decision.Reason!,
        };
        if (decision.Actions.HasFlag(TrustAction.RevokeSession))
        {
            Emit(TrustAction.RevokeSession, new SessionRevoked(), cause, identityEvent, assessment, sink);
        }

        if (decision.Actions.HasFlag(TrustAction.StepUp))
        {
            var stepUp = new AssuranceLevelChange
            {
                Namespace = AssuranceLevelChange.NistAal,
                CurrentLevel = AssuranceLevelChange.NistAalLevel(decision.StepUpTo),
                PreviousLevel = AssuranceLevelChange.NistAalLevel(AuthenticatorAssuranceLevel.Aal1),
                ChangeDirection = AssuranceChangeDirection.Increase,
            };
            Emit(TrustAction.StepUp, stepUp, cause, identityEvent, assessment, sink);
        }

        if (decision.Actions.HasFlag(TrustAction.RiskLevelChange))
        {
            var change = new RiskLevelChange
            {
                Principal = identityEvent.PrincipalType == PrincipalType.Workload ? RiskPrincipal.Application : RiskPrincipal.User,
                CurrentLevel = ToCaep(assessment.Level),
                PreviousLevel = decision.PreviousPublishedLevel == RiskLevel.None ? null : ToCaep(decision.PreviousPublishedLevel),
                RiskReason = decision.RiskReason,
            };

            // About the identity, not one session of it.
            var identityCause = cause with { SessionId = null };
            Emit(TrustAction.RiskLevelChange, change, identityCause, identityEvent, assessment, sink);
            if (_riskClaimChanges is not null)
            {
                Emit(TrustAction.RiskLevelChange, _riskClaimChanges[(int)change.CurrentLevel], identityCause, identityEvent, assessment, sink);
            }
        }
    }

    /// <summary>Forgets the identities of a partition this instance no longer owns; its new owner keeps them.</summary>
    public void ForgetPartition(int partition) => _partitions.Remove(partition);

    /// <summary>The identities of a partition, for a checkpoint; null when the stage holds none of it.</summary>
    public IdentityStateStore? PartitionState(int partition) => _partitions.GetValueOrDefault(partition);

    /// <summary>Gives a partition an empty store, in place of what it held, for a checkpoint to be restored into.</summary>
    public IdentityStateStore ResetPartition(int partition) => _partitions[partition] = new IdentityStateStore(_initial);

    public void Dispose() => _reloads?.Dispose();

    private void ApplyReload()
    {
        if (Volatile.Read(ref _reloaded) is null || Interlocked.Exchange(ref _reloaded, null) is not { } options)
        {
            return;
        }

        _scorer = new TrustScorer(options, _signals, _context);
        _policy = new TrustPolicy(options, _guard);
        _thresholdVersion = options.ThresholdVersion;
    }

    private void Emit(TrustAction action, CaepEvent securityEvent, SecurityEventCause cause, IdentityEvent trigger, in TrustAssessment assessment, IScoringSink sink) =>
        sink.OnSecurityEvent(new SecurityEvent(trigger, action, _issuer.Issue(securityEvent, cause), assessment, cause.ReasonAdmin, _thresholdVersion));

    // CAEP has no level below LOW.
    private static CaepRiskLevel ToCaep(RiskLevel level) => level switch
    {
        RiskLevel.Medium => CaepRiskLevel.Medium,
        RiskLevel.High => CaepRiskLevel.High,
        _ => CaepRiskLevel.Low,
    };
}
