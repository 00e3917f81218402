namespace RiskEngine.ReferenceData.Training;

/// <summary>How <see cref="ModelTrainer"/> trains: ML.NET's randomized PCA settings and where the threshold goes.</summary>
public sealed record TrainingOptions
{
    public string Name { get; init; } = "default";

    /// <summary>Principal components kept: the dimensions of normal activity.</summary>
    public int Rank { get; init; } = 4;

    /// <summary>Extra random projections beyond the rank, for accuracy (ML.NET's default is 20).</summary>
    public int Oversampling { get; init; } = 20;

    public bool Center { get; init; } = true;

    public int Seed { get; init; } = 42;

    /// <summary>The share of training events scored at or below the threshold; the rest would have been called unusual.</summary>
    public double ThresholdQuantile { get; init; } = 0.995;

    /// <exception cref="ArgumentException">A setting cannot be trained with.</exception>
    public void Validate(int dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        if (Name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || Name is "." or "..")
        {
            throw new ArgumentException($"the model name '{Name}' names its directory, so it must be a plain file name");
        }

        if (Rank < 1 || Rank >= dimension)
        {
            throw new ArgumentException($"the rank must be between 1 and {dimension - 1} (there are {dimension} features), was {Rank}");
        }

        if (Oversampling < 0)
        {
            throw new ArgumentException($"the oversampling must not be negative, was {Oversampling}");
        }

        if (!(ThresholdQuantile is > 0.5 and < 1))
        {
            throw new ArgumentException($"the threshold quantile must lie between 0.5 and 1, was {ThresholdQuantile}");
        }
    }
}
