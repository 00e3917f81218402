using RiskEngine.Pipeline.Decoding;
using RiskEngine.Pipeline.Scoring;

namespace RiskEngine.Pipeline;

/// <summary>
/// Where a host that runs both stages in one step (a replay, the Functions handler) takes the pipeline's
/// outputs. Called synchronously on the pipeline's thread, in input order.
/// </summary>
public interface IPipelineSink : IScoringSink
{
    void OnDeadLetter(in DeadLetter deadLetter);

    /// <summary>A well-formed record of a kind this pipeline does not score (an Entra audit log, say).</summary>
    void OnSkipped(in InputMessage source, string kind);
}
