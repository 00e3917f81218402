using System.Globalization;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;

namespace RiskEngine.Pipeline;

/// <summary>
/// The one pipeline every host runs: decode, validate, key by identity, score, decide, emit.
/// It owns the identity state of the partitions it is fed and is not thread-safe: one instance per thread.
/// </summary>
public sealed class SignInPipeline
{
    private const string SessionRevokedAction = "session-revoked";

    private readonly PipelineOptions _options;
    private readonly IdentityStateStore _states;
    private readonly TrustScorer _scorer;
    private readonly RevocationPolicy _policy;
    private readonly SecurityEventTokenIssuer _issuer;
    private readonly List<DecodedRecord> _records = [];
    private readonly EntraSignInDecoder _decoder = new();

    public SignInPipeline(PipelineOptions options, TrustOptions trust, SecurityEventTokenIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(issuer);
        _options = options;
        _states = new IdentityStateStore(trust);
        _scorer = TrustScorer.Create(trust);
        _policy = new RevocationPolicy(trust);
        _issuer = issuer;
    }

    public void Process(in InputMessage message, IPipelineSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (message.Value.Length > _options.MaxMessageBytes)
        {
            sink.OnDeadLetter(new DeadLetter(
                message,
                message.Value,
                RejectionCode.Oversized,
                string.Create(CultureInfo.InvariantCulture, $"message of {message.Value.Length:N0} bytes exceeds the limit of {_options.MaxMessageBytes:N0} bytes"),
                DecodedRecord.WholeMessage));
            return;
        }

        _records.Clear();
        _decoder.Decode(message.Value.Span, _records);
        foreach (var record in _records)
        {
            switch (record.Outcome)
            {
                case DecodeOutcome.Accepted when TimestampRejection(record.Event!, message) is { } rejection:
                    sink.OnDeadLetter(new DeadLetter(message, message.Value[record.Raw], rejection.Code, rejection.Reason, record.RecordIndex));
                    break;
                case DecodeOutcome.Accepted:
                    Score(record.Event!, sink);
                    break;
                case DecodeOutcome.Rejected:
                    sink.OnDeadLetter(new DeadLetter(message, message.Value[record.Raw], record.Code, record.Reason!, record.RecordIndex));
                    break;
                case DecodeOutcome.Skipped:
                    sink.OnSkipped(message, record.Reason!);
                    break;
            }
        }
    }

    private void Score(IdentityEvent signIn, IPipelineSink sink)
    {
        var state = _states.GetOrAdd(signIn.IdentityId);
        var assessment = _scorer.Assess(signIn, state);
        var decision = _policy.Decide(assessment, state);
        sink.OnScored(new ScoredSignIn(signIn, assessment, decision));
        if (decision.Action != TrustAction.RevokeSession)
        {
            return;
        }

        var token = _issuer.IssueSessionRevoked(new SessionRevocation
        {
            IdentityId = signIn.IdentityId,
            Email = state.UserPrincipalName,
            SessionId = signIn.SessionId,
            TriggeringEventId = signIn.EventId,
            EventTime = signIn.Timestamp,
            ReasonAdmin = decision.Reason!,
            Txn = signIn.EventId,
        });
        sink.OnRevocation(new Revocation(signIn, token, decision.Reason!));
    }

    private (RejectionCode Code, string Reason)? TimestampRejection(IdentityEvent signIn, in InputMessage message)
    {
        if (message.Timestamp is not { } sent)
        {
            return null;
        }

        var lead = signIn.Timestamp - sent;
        if (lead > _options.MaxFutureSkew)
        {
            return (RejectionCode.EventInFuture, string.Create(
                CultureInfo.InvariantCulture,
                $"event time {signIn.Timestamp:O} is {lead.TotalMinutes:N0} min after its message was produced ({sent:O}); the limit is {_options.MaxFutureSkew.TotalMinutes:N0} min"));
        }

        return -lead > _options.MaxEventAge
            ? (RejectionCode.EventTooOld, string.Create(
                CultureInfo.InvariantCulture,
                $"event time {signIn.Timestamp:O} is {-lead.TotalDays:N1} days before its message was produced ({sent:O}); the limit is {_options.MaxEventAge.TotalDays:N1} days"))
            : null;
    }
}
