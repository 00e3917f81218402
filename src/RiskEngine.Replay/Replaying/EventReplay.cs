using RiskEngine.Caep;
using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Evaluation;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// Scores events in event-time order through the production <see cref="ScoringStage"/> with one candidate setting,
/// and returns the SETs it issued as <see cref="EngineAction"/>s, signed by a <see cref="ThrowawayIssuer"/>.
/// </summary>
public static class EventReplay
{
    public static IReadOnlyList<EngineAction> Run(IEnumerable<IdentityEvent> events, TrustOptions trust, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var issuer = new ThrowawayIssuer(new CaepOptions());
        using var stage = new ScoringStage(new FixedTrustSettings(trust), context, issuer.Issuer);
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
