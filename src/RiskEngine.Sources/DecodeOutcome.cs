namespace RiskEngine.Sources;

public enum DecodeOutcome
{
    Accepted,

    /// <summary>Cannot be an event of its kind: it goes to the dead-letter topic with its reason.</summary>
    Rejected,

    /// <summary>A well-formed record of a kind that is not scored (an Entra audit log, say): counted, not dead-lettered.</summary>
    Skipped,
}
