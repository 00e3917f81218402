using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Caep;
using RiskEngine.Caep.Signing;
using RiskEngine.Caep.Tokens;
using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Evaluation;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// Scores events in event-time order through the production <see cref="ScoringStage"/> with one candidate setting,
/// and returns the SETs it issued as <see cref="EngineAction"/>s. The SETs are signed with a throwaway key: a replay
/// predicts what production would do, it does not speak for it.
/// </summary>
public static class EventReplay
{
    public static IReadOnlyList<EngineAction> Run(IEnumerable<IdentityEvent> events, TrustOptions trust, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        using var keys = new SigningKeyProvider(Options.Create(new SigningOptions()), NullLogger<SigningKeyProvider>.Instance, _ => pem);
        var issuer = new SecurityEventTokenIssuer(Options.Create(new CaepOptions()), keys, TimeProvider.System);
        using var stage = new ScoringStage(new FixedTrustSettings(trust), context, issuer);
        var sink = new ActionCollector();
        foreach (var identityEvent in events)
        {
            stage.Score(0, identityEvent, sink);
        }

        return sink.Actions;
    }

    private sealed class ActionCollector : IScoringSink
    {
        public List<EngineAction> Actions { get; } = [];

        public void OnScored(in ScoredEvent scored)
        {
        }

        public void OnSecurityEvent(in SecurityEvent securityEvent) => Actions.Add(new EngineAction(
            securityEvent.Trigger.IdentityId,
            securityEvent.Trigger.EventId,
            securityEvent.Trigger.Timestamp,
            securityEvent.Action,
            securityEvent.Assessment.Level,
            securityEvent.Reason));
    }
}
