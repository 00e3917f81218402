namespace RiskEngine.Core.Anomaly.Novelty;

/// <summary>
/// How much a sign-in's categorical values look like an attacker's rather than the identity's own, in the manner of
/// Freeman, Jain, Dürmuth, Biggio and Giacinto, "Who Are You? A Statistical Approach to Measuring User Authenticity"
/// (NDSS 2016): the risk is the product over features of p(x_k | attack) / p(x_k | u), features taken as independent,
/// with the identity's estimate smoothed toward the population so that no value is impossible, and the IP address
/// backed off to its ASN and country by linear interpolation of the three levels' likelihoods. The N + M smoothing and
/// the 0.6/0.3/0.1 level weights are those of the das-group keystone-rba-plugin reproduction of that model.
/// See <see cref="AttackerLikelihood"/> for the numerator. Allocates nothing; reads the population it is given.
/// </summary>
public sealed class CategoricalNoveltyScorer
{
    private readonly PopulationFrequencies _population;
    private readonly CategoricalNoveltyOptions _options;

    public CategoricalNoveltyScorer(PopulationFrequencies population, CategoricalNoveltyOptions options)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfNotPositive(options.UnseenValueAllowance, nameof(options.UnseenValueAllowance));
        ThrowIfNotPositive(options.HistoryPseudoCount, nameof(options.HistoryPseudoCount));
        ArgumentOutOfRangeException.ThrowIfNegative(options.IpAddressWeight, nameof(options.IpAddressWeight));
        ArgumentOutOfRangeException.ThrowIfNegative(options.AsnWeight, nameof(options.AsnWeight));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CountryWeight, nameof(options.CountryWeight));
        ThrowIfNotPositive(options.IpAddressWeight + options.AsnWeight + options.CountryWeight, "location weights");
        _population = population;
        _options = options;
    }

    /// <summary>p(x): c/(N + M) for a value seen c times in N sightings, 1/(N + M) for one never seen.</summary>
    public double PopulationProbability(CategoricalFeature feature, ulong valueHash)
    {
        var count = _population.CountOf(feature, valueHash);
        return Math.Max(count, 1) / (_population.Total(feature) + _options.UnseenValueAllowance);
    }

    /// <summary>p(x | u) = (c_u(x) + μ·p(x)) / (n_u + μ).</summary>
    public double IdentityProbability(CategoricalFeature feature, ulong valueHash, in IdentityHistory history) =>
        IdentityProbability(valueHash, history, PopulationProbability(feature, valueHash));

    /// <summary>p(x | attack) / p(x | u) for one feature; 1 for a missing value.</summary>
    public double LikelihoodRatio(CategoricalFeature feature, ulong valueHash, in IdentityHistory history)
    {
        if (valueHash == CategoricalObservation.Missing)
        {
            return 1;
        }

        var population = PopulationProbability(feature, valueHash);
        return AttackerProbability(feature, population) / IdentityProbability(valueHash, history, population);
    }

    /// <summary>
    /// The location's ratio, Σ w_l·p(x_l | attack) / Σ w_l·p(x_l | u) over the IP, ASN and country levels with a value;
    /// 1 when none has one.
    /// </summary>
    public double LocationLikelihoodRatio(in CategoricalObservation observation, in IdentityFeatureHistories histories)
    {
        var attacker = 0.0;
        var identity = 0.0;
        AddLevel(CategoricalFeature.IpAddress, _options.IpAddressWeight, observation, histories, ref attacker, ref identity);
        AddLevel(CategoricalFeature.Asn, _options.AsnWeight, observation, histories, ref attacker, ref identity);
        AddLevel(CategoricalFeature.Country, _options.CountryWeight, observation, histories, ref attacker, ref identity);
        return identity == 0 ? 1 : attacker / identity;
    }

    /// <summary>
    /// ln of the risk: the location's ratio (IP backed off to ASN and country) times the user agent's and the
    /// device's. Positive when the sign-in looks more like an attacker's than the identity's.
    /// </summary>
    public double LogRisk(in CategoricalObservation observation, in IdentityFeatureHistories histories) =>
        Math.Log(LocationLikelihoodRatio(observation, histories))
        + Math.Log(LikelihoodRatio(CategoricalFeature.UserAgent, observation.UserAgent, histories[CategoricalFeature.UserAgent]))
        + Math.Log(LikelihoodRatio(CategoricalFeature.Device, observation.Device, histories[CategoricalFeature.Device]));

    private void AddLevel(
        CategoricalFeature feature,
        double weight,
        in CategoricalObservation observation,
        in IdentityFeatureHistories histories,
        ref double attacker,
        ref double identity)
    {
        var valueHash = observation[feature];
        if (valueHash == CategoricalObservation.Missing)
        {
            return;
        }

        var population = PopulationProbability(feature, valueHash);
        attacker += weight * AttackerProbability(feature, population);
        identity += weight * IdentityProbability(valueHash, histories[feature], population);
    }

    private double AttackerProbability(CategoricalFeature feature, double populationProbability) =>
        _options.AttackerLikelihood == AttackerLikelihood.Population
            ? populationProbability
            : 1 / (_population.DistinctValues(feature) + _options.UnseenValueAllowance);

    private double IdentityProbability(ulong valueHash, in IdentityHistory history, double populationProbability) =>
        (history.CountOf(valueHash) + _options.HistoryPseudoCount * populationProbability) / (history.Total + _options.HistoryPseudoCount);

    private static void ThrowIfNotPositive(double value, string paramName)
    {
        if (!(value > 0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Must be positive.");
        }
    }
}
