using RiskEngine.Core.Policy.BlastRadius;

namespace RiskEngine.Pipeline.Scoring;

/// <summary>Where the scoring stage puts what it decides. Called synchronously on the stage's thread, in input order.</summary>
public interface IScoringSink
{
    void OnScored(in ScoredEvent scored);

    /// <summary>A SET to publish: every kind goes to the same place, keyed by subject, so a subject's SETs stay in order.</summary>
    void OnSecurityEvent(in SecurityEvent securityEvent);

    /// <summary>
    /// The blast-radius guard tripped at the event just scored: revocations are held until an analyst confirms. Called
    /// once per trip, by the stage whose event tripped it, after that event's <see cref="OnScored"/>. Hosts that alert
    /// someone implement it; a replay, which has the held decisions themselves, need not.
    /// </summary>
    void OnBlastRadiusTripped(BlastRadiusTrip trip)
    {
    }
}
