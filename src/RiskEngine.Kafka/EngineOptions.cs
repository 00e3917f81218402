namespace RiskEngine.Kafka;

/// <summary>How this instance takes part in the engine. Bound from the "Engine" section.</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Engine";

    /// <summary>"Decode, Score" (the default) runs both stages in this process.</summary>
    public EngineStages Stages { get; set; } = EngineStages.All;
}
