using System.ComponentModel.DataAnnotations;
using RiskEngine.Core.Anomaly.Novelty;

namespace RiskEngine.Core.Signals.Models;

public sealed class RareAttributesOptions
{
    /// <summary>The penalty of a sign-in 100 times likelier than the threshold; one just above it takes half.</summary>
    [Range(0, 100)]
    public double Penalty { get; set; } = 25;

    /// <summary>
    /// How many times likelier an attacker's than the identity's own a sign-in's attributes must be to count: the
    /// product of the location (IP backed off to ASN and country), user-agent and device-kind likelihood ratios.
    /// </summary>
    [Range(1, 1e12)]
    public double LikelihoodRatioThreshold { get; set; } = 1000;

    /// <summary>An identity's own habits are judged only once this many of its successful sign-ins have been seen.</summary>
    [Range(1, 10_000)]
    public int MinimumSignIns { get; set; } = 5;

    /// <summary>
    /// The population's frequencies mean something only once it has been seen signing in this often: before, every
    /// value is rare, and which identities look rare depends on the order the engine happened to read them in.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MinimumPopulationSignIns { get; set; } = 2_000;

    /// <summary>Smoothing and interpolation of the likelihoods (Freeman et al.).</summary>
    [Required]
    public CategoricalNoveltyOptions Likelihoods { get; set; } = new();

    /// <summary>
    /// Distinct values the population tables hold per feature (12 bytes each, allocated when the first sign-in is
    /// scored): a million addresses, and room enough for networks, countries, user agents and device kinds.
    /// </summary>
    [Required]
    public PopulationFrequenciesOptions Population { get; set; } = new()
    {
        IpAddressCapacity = 1 << 20,
        AsnCapacity = 1 << 16,
        CountryCapacity = 1 << 9,
        UserAgentCapacity = 1 << 16,
        DeviceCapacity = 1 << 12,
    };
}
