using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Comparing;

namespace RiskEngine.Replay.Replaying;

/// <summary>The baseline setting's decisions matter only for what the candidate does differently.</summary>
internal sealed class BaselineOutputs(ActionDiff diff) : IScoringSink
{
    public void OnScored(in ScoredEvent scored) => diff.AddBaseline(scored);

    public void OnSecurityEvent(in SecurityEvent securityEvent)
    {
    }
}
