namespace RiskEngine.Kafka.Observability;

/// <summary>One stage's readiness: healthy once its consumer has joined the group, failed for good when it stopped.</summary>
public readonly record struct StageHealth(string Stage, bool Healthy, string Detail);
