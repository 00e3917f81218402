namespace RiskEngine.ReferenceData.Models;

/// <summary>What a model was trained on, for its card and for whoever asks why it scores as it does.</summary>
public sealed record TrainingSummary(
    IReadOnlyList<string> Inputs,
    long Events,
    long Identities,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent,
    IReadOnlyDictionary<string, long> EventsBySource,
    long RejectedRecords,
    double ThresholdQuantile);
