namespace RiskEngine.Replay.Evaluation;

/// <summary>What a <see cref="SimulatedEvaluation"/> measured, the actions it judged, and how many events it scored and refused.</summary>
public sealed record SimulatedEvaluationResult(DetectionReport Report, IReadOnlyList<EngineAction> Actions, int Events, int Refused);
