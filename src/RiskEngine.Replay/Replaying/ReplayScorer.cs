using RiskEngine.Caep;
using RiskEngine.Core.Events;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Replay.Replaying;

/// <summary>
/// One setting's side of a replay: the production <see cref="ScoringStage"/> under trust settings that do not change
/// while it runs, its SETs signed by a <see cref="ThrowawayIssuer"/>, and what it decides handed to a sink.
/// </summary>
/// <param name="context">This scorer's own: a context learns from the events scored with it (source addresses across identities).</param>
public sealed class ReplayScorer(TrustOptions trust, ScoringContext context, CaepOptions caep, IScoringSink sink) : IDisposable
{
    private readonly ThrowawayIssuer _issuer = new(caep);
    private ScoringStage? _stage;

    // Every identity lives in one partition: a replay has one scoring thread, as one production instance owning them all.
    public void Score(IdentityEvent identityEvent) =>
        (_stage ??= new ScoringStage(new FixedTrustSettings(trust), context, _issuer.Issuer, caep)).Score(0, identityEvent, sink);

    public void Dispose()
    {
        _stage?.Dispose();
        _issuer.Dispose();
    }
}
