namespace RiskEngine.ReferenceData.Models;

/// <summary>The randomized PCA: its settings, the mean it centred on, and the top principal components (one per row).</summary>
public sealed record PcaDocument(
    int Rank,
    int Oversampling,
    bool Center,
    int Seed,
    IReadOnlyList<double> Mean,
    IReadOnlyList<IReadOnlyList<double>> Components);
