using System.Globalization;
using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Events;
using RiskEngine.Core.Identity;

namespace RiskEngine.Core.Signals.Models;

/// <summary>
/// A successful sign-in whose address, network, country, user agent and kind of device look far more like an
/// attacker's than the identity's own habits (Freeman et al.'s smoothed likelihood ratios, see
/// <see cref="CategoricalNoveltyScorer"/>): a value rare across the whole population weighs more than one merely new
/// to this identity, so a new laptop of the company's standard build scores low and a rare client from a rare network
/// high. The population's frequencies live in the <see cref="ScoringContext"/>, the identity's in its state.
/// </summary>
public sealed class RareAttributesSignal : ISignal
{
    public const string SignalName = "rare-attributes";

    private readonly RareAttributesOptions _options;
    private readonly double _logThreshold;
    private CategoricalNoveltyScorer? _scorer;
    private PopulationFrequencies? _scorerPopulation;

    public RareAttributesSignal(RareAttributesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logThreshold = Math.Log(options.LikelihoodRatioThreshold);
    }

    public string Name => SignalName;

    public SignalFinding? Evaluate(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (!Judges(identityEvent) || state.SignIns is not { } signIns || signIns.FeatureHistories[CategoricalFeature.Country].Total < _options.MinimumSignIns)
        {
            return null;
        }

        if (Population(context).Total(CategoricalFeature.Country) < _options.MinimumPopulationSignIns)
        {
            return null;
        }

        var scorer = Scorer(context);
        var observation = keys.Observation;
        ref readonly var histories = ref signIns.FeatureHistories;
        var logRisk = scorer.LogRisk(observation, histories);
        if (logRisk <= _logThreshold)
        {
            return null;
        }

        var severity = Math.Clamp((logRisk - _logThreshold) / Math.Log(100), 0, 1);
        var evidence = string.Create(
            CultureInfo.InvariantCulture,
            $"rare sign-in attributes: {Math.Exp(logRisk):N0} times likelier an attacker's than the identity's (location {identityEvent.CountryOrRegion ?? "?"}/AS{identityEvent.AutonomousSystemNumber?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{identityEvent.IpAddress ?? "?"} x{scorer.LocationLikelihoodRatio(observation, histories):N1}, user agent x{scorer.LikelihoodRatio(CategoricalFeature.UserAgent, observation.UserAgent, histories[CategoricalFeature.UserAgent]):N1}, device {identityEvent.OperatingSystem ?? "?"}/{identityEvent.Browser ?? "?"} x{scorer.LikelihoodRatio(CategoricalFeature.Device, observation.Device, histories[CategoricalFeature.Device]):N1})");
        return new SignalFinding(SignalName, _options.Penalty * (0.5 + (0.5 * severity)), evidence);
    }

    /// <summary>
    /// Counts the population's values, from successful authentications only: a failed attempt shows what an attacker
    /// tried, not the organisation's habits. The identity's own are counted by its sign-in history, which answers
    /// from them which countries, autonomous systems and user agents it knows.
    /// </summary>
    public void Observe(IdentityEvent identityEvent, in SignInKeys keys, IdentityState state, ScoringContext context)
    {
        ArgumentNullException.ThrowIfNull(identityEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (!Judges(identityEvent))
        {
            return;
        }

        Population(context).Record(keys.Observation);
    }

    private static bool Judges(IdentityEvent identityEvent) => identityEvent.Succeeded && identityEvent.Kind.IsAuthentication();

    private PopulationFrequencies Population(ScoringContext context) => context.Population ??= new PopulationFrequencies(_options.Population);

    private CategoricalNoveltyScorer Scorer(ScoringContext context)
    {
        var population = Population(context);
        if (_scorer is null || !ReferenceEquals(_scorerPopulation, population))
        {
            (_scorer, _scorerPopulation) = (new CategoricalNoveltyScorer(population, _options.Likelihoods), population);
        }

        return _scorer;
    }
}
