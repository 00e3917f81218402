namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>How many distinct values <see cref="PopulationFrequencies"/> holds per feature (rounded up to a power of two; 12 bytes each).</summary>
public sealed record PopulationFrequenciesOptions
{
    public int IpAddressCapacity { get; init; } = 1 << 22;

    public int AsnCapacity { get; init; } = 1 << 17;

    public int CountryCapacity { get; init; } = 1 << 10;

    public int UserAgentCapacity { get; init; } = 1 << 18;

    public int DeviceCapacity { get; init; } = 1 << 21;

    internal int CapacityOf(CategoricalFeature feature) => feature switch
    {
        CategoricalFeature.IpAddress => IpAddressCapacity,
        CategoricalFeature.Asn => AsnCapacity,
        CategoricalFeature.Country => CountryCapacity,
        CategoricalFeature.UserAgent => UserAgentCapacity,
        CategoricalFeature.Device => DeviceCapacity,
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, null),
    };
}
