namespace RiskEngine.Pipeline.Scoring;

/// <summary>Where the scoring stage puts what it decides. Called synchronously on the stage's thread, in input order.</summary>
public interface IScoringSink
{
    void OnScored(in ScoredEvent scored);

    /// <summary>A SET to publish: every kind goes to the same place, keyed by subject, so a subject's SETs stay in order.</summary>
    void OnSecurityEvent(in SecurityEvent securityEvent);
}
