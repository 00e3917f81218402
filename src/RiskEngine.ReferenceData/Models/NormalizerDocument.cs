namespace RiskEngine.ReferenceData.Models;

/// <summary>Per-feature mean/variance normalisation: normalised = (raw - offset) * scale.</summary>
public sealed record NormalizerDocument(IReadOnlyList<double> Offsets, IReadOnlyList<double> Scales);
