namespace RiskEngine.Pipeline.Scoring;

/// <summary>Where the scoring stage puts what it decides. Called synchronously on the stage's thread, in input order.</summary>
public interface IScoringSink
{
    void OnScored(in ScoredEvent scored);

    void OnRevocation(in Revocation revocation);
}
