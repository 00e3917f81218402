using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>
/// The second half of the pipeline: score an event against its identity's state, decide, and sign the
/// revocation a decision calls for. State is kept per input partition, so when a partition moves to another
/// instance its identities' state can be dropped here. Not thread-safe: one instance per thread.
/// </summary>
public sealed class ScoringStage
{
    private readonly TrustOptions _trust;
    private readonly TrustScorer _scorer;
    private readonly RevocationPolicy _policy;
    private readonly SecurityEventTokenIssuer _issuer;
    private readonly Dictionary<int, IdentityStateStore> _partitions = [];

    /// <param name="context">What the stage's signals know beyond one identity, and the models loaded into it.</param>
    public ScoringStage(TrustOptions trust, ScoringContext context, SecurityEventTokenIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(issuer);
        _trust = trust;
        _scorer = TrustScorer.Create(trust, context);
        _policy = new RevocationPolicy(trust);
        _issuer = issuer;
    }

    public void Score(int partition, IdentityEvent identityEvent, IScoringSink sink)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(sink);
        if (!_partitions.TryGetValue(partition, out var states))
        {
            states = new IdentityStateStore(_trust);
            _partitions.Add(partition, states);
        }

        var state = states.GetOrAdd(identityEvent.IdentityId);
        var assessment = _scorer.Assess(identityEvent, state);
        var decision = _policy.Decide(assessment, state);
        sink.OnScored(new ScoredEvent(identityEvent, assessment, decision));
        if (decision.Action != TrustAction.RevokeSession)
        {
            return;
        }

        var token = _issuer.IssueSessionRevoked(new SessionRevocation
        {
            IdentityId = identityEvent.IdentityId,
            Email = state.UserPrincipalName,
            SessionId = identityEvent.SessionId,
            TriggeringEventId = identityEvent.EventId,
            EventTime = identityEvent.Timestamp,
            ReasonAdmin = decision.Reason!,
            Txn = identityEvent.EventId,
        });
        sink.OnRevocation(new Revocation(identityEvent, token, decision.Reason!));
    }

    /// <summary>Forgets the identities of a partition this instance no longer owns; its new owner keeps them.</summary>
    public void ForgetPartition(int partition) => _partitions.Remove(partition);
}
