namespace RiskEngine.Kafka;

/// <summary>Which halves of the pipeline this instance runs; both by default, one to scale them apart.</summary>
[Flags]
public enum EngineStages
{
    None = 0,

    /// <summary>Consume the source topics, decode, and write canonical events keyed by identity.</summary>
    Decode = 1,

    /// <summary>Consume the identity-keyed events, score them and emit revocations.</summary>
    Score = 2,

    All = Decode | Score,
}
