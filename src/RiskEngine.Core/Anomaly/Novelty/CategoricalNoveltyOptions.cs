namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>Smoothing and interpolation constants of <see cref="CategoricalNoveltyScorer"/>.</summary>
public sealed record CategoricalNoveltyOptions
{
    /// <summary>
    /// M, how many values the population is assumed not to have shown yet: of N sightings, a value seen c times gets
    /// c/(N + M) and one never seen 1/(N + M), so none is impossible (the N + M smoothing of the das-group
    /// reproduction of Freeman et al.).
    /// </summary>
    public double UnseenValueAllowance { get; init; } = 1;

    /// <summary>
    /// μ, how many sightings' worth of population evidence an identity's history starts with:
    /// p(x | u) = (c_u(x) + μ·p(x)) / (n_u + μ). A brand-new identity thus scores as the population does, never
    /// infinitely, and each sighting of its own moves it further toward its own habits.
    /// </summary>
    public double HistoryPseudoCount { get; init; } = 1;

    public AttackerLikelihood AttackerLikelihood { get; init; } = AttackerLikelihood.Uniform;

    /// <summary>Weight of the IP address level when the location likelihoods are interpolated IP → ASN → country.</summary>
    public double IpAddressWeight { get; init; } = 0.6;

    /// <summary>Weight of the ASN level, so a new IP in a known network weighs less than one in a new network.</summary>
    public double AsnWeight { get; init; } = 0.3;

    /// <summary>Weight of the country level.</summary>
    public double CountryWeight { get; init; } = 0.1;
}
