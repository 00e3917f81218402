using RiskEngine.Core.Policy;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Comparing;
using RiskEngine.Replay.Output;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Replaying;

/// <summary>Where the candidate setting's decisions go: the summary, the decision lines, the diff and any other observer.</summary>
internal sealed class CandidateOutputs(ReplaySummary summary, DecisionJsonLines? decisions, bool everyEvent, ActionDiff? diff, IScoringSink? observer) : IScoringSink
{
    public void OnScored(in ScoredEvent scored)
    {
        summary.Add(scored);
        if (decisions is not null && (everyEvent || scored.Decision.Actions != TrustAction.None))
        {
            decisions.Write(scored);
        }

        diff?.AddCandidate(scored);
        observer?.OnScored(scored);
    }

    public void OnSecurityEvent(in SecurityEvent securityEvent) => observer?.OnSecurityEvent(securityEvent);
}
