namespace RiskEngine.Pipeline;

/// <summary>
/// Where a host takes the pipeline's outputs: the Kafka worker produces them, a replay writes them to files.
/// Called synchronously on the pipeline's thread, in input order.
/// </summary>
public interface IPipelineSink
{
    void OnScored(in ScoredSignIn scored);

    void OnRevocation(in Revocation revocation);

    void OnDeadLetter(in DeadLetter deadLetter);

    /// <summary>A well-formed record of a kind this pipeline does not score (an Entra audit log, say).</summary>
    void OnSkipped(in InputMessage source, string kind);
}
