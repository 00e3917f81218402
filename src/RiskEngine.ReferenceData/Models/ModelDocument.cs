namespace RiskEngine.ReferenceData.Models;

/// <summary>
/// A trained activity model as <c>models/&lt;name&gt;/model.json</c> holds it: the features it was trained on, their
/// normalisation, the principal components, the score threshold, and how it was trained.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>The only format this engine reads; a model written by an incompatible trainer is refused by it.</summary>
    public const string CurrentFormat = "riskengine-activity-pca/1";

    public required string Format { get; init; }

    public required string Name { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>Feature names in vector order; must equal the engine's own list.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    public required NormalizerDocument Normalizer { get; init; }

    public required PcaDocument Pca { get; init; }

    /// <summary>Scores above this are unusual: the training scores' quantile <see cref="TrainingSummary.ThresholdQuantile"/>.</summary>
    public required double Threshold { get; init; }

    public required TrainingSummary Training { get; init; }

    public required ModelMetrics Metrics { get; init; }
}
