namespace RiskEngine.Core.Anomaly.Pca;

/// <summary>Settings of <see cref="RandomizedPcaTrainer"/>, named and defaulted as ML.NET's <c>RandomizedPcaTrainer.Options</c>.</summary>
public sealed record RandomizedPcaOptions
{
    /// <summary>How many principal components the model keeps; at most the dimension.</summary>
    public int Rank { get; init; } = 20;

    /// <summary>Extra random directions sampled beyond the rank, for accuracy; capped so rank + oversampling ≤ dimension.</summary>
    public int Oversampling { get; init; } = 20;

    /// <summary>Subtract the training mean first; without it the components describe the raw second moments.</summary>
    public bool Center { get; init; } = true;

    /// <summary>Seeds the random projection, so training the same rows again gives the same model.</summary>
    public int Seed { get; init; }
}
