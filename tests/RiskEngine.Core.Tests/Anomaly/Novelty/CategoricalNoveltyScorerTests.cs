using RiskEngine.Core.Anomaly.Novelty;

namespace RiskEngine.Core.Tests.Anomaly.Novelty;

public sealed class CategoricalNoveltyScorerTests
{
    private const ulong Usual = 101, Occasional = 102, RareElsewhere = 103, CommonElsewhere = 104, NeverSeen = 999;

    private const ulong HomeIp = 1, OtherIp = 2, NewIp = 9, HomeAsn = 10, NewAsn = 19, HomeCountry = 20, NewCountry = 29;

    private readonly PopulationFrequencies _population = new(new PopulationFrequenciesOptions
    {
        IpAddressCapacity = 64,
        AsnCapacity = 64,
        CountryCapacity = 64,
        UserAgentCapacity = 64,
        DeviceCapacity = 64,
    });

    private IdentityFeatureHistories _histories;

    // User agents in the population: Usual 6, Occasional 3, RareElsewhere 1, CommonElsewhere 20:
    //   N = 30, D = 4; with M = 1, N + M = 31 and D + M = 5.
    // The identity's user agents: Usual 3, Occasional 1: n = 4; μ = 1.
    // Locations: the population has HomeIp 10, OtherIp 10, HomeAsn 20, HomeCountry 20 (N = 20 each; D = 2, 1, 1),
    //   and the identity HomeIp, HomeAsn and HomeCountry 10 times each.
    public CategoricalNoveltyScorerTests()
    {
        RecordUserAgents(Usual, 6, identityCount: 3);
        RecordUserAgents(Occasional, 3, identityCount: 1);
        RecordUserAgents(RareElsewhere, 1, identityCount: 0);
        RecordUserAgents(CommonElsewhere, 20, identityCount: 0);
        var home = new CategoricalObservation(HomeIp, HomeAsn, HomeCountry, CategoricalObservation.Missing, CategoricalObservation.Missing);
        var colleague = home with { IpAddress = OtherIp };
        for (var i = 0; i < 10; i++)
        {
            _population.Record(home);
            _histories.Record(home);
            _population.Record(colleague);
        }
    }

    private void RecordUserAgents(ulong userAgent, int populationCount, int identityCount)
    {
        for (var i = 0; i < populationCount; i++)
        {
            _population.Record(CategoricalFeature.UserAgent, userAgent);
        }

        for (var i = 0; i < identityCount; i++)
        {
            _histories.Record(CategoricalFeature.UserAgent, userAgent);
        }
    }

    private CategoricalNoveltyScorer Scorer(AttackerLikelihood attacker = AttackerLikelihood.Uniform) =>
        new(_population, new CategoricalNoveltyOptions { AttackerLikelihood = attacker });

    private double UserAgentRatio(ulong userAgent, CategoricalNoveltyScorer scorer) =>
        scorer.LikelihoodRatio(CategoricalFeature.UserAgent, userAgent, _histories[CategoricalFeature.UserAgent]);

    [Fact]
    public void Population_and_identity_probabilities_by_hand()
    {
        var scorer = Scorer();

        // p(Usual) = 6/31 = 0.193548; p(NeverSeen) = 1/31 = 0.032258
        Assert.Equal(0.193548, scorer.PopulationProbability(CategoricalFeature.UserAgent, Usual), 6);
        Assert.Equal(0.032258, scorer.PopulationProbability(CategoricalFeature.UserAgent, NeverSeen), 6);
        // p(Usual | u) = (3 + 6/31)/(4 + 1) = 3.193548/5 = 0.638710
        Assert.Equal(0.638710, scorer.IdentityProbability(CategoricalFeature.UserAgent, Usual, _histories[CategoricalFeature.UserAgent]), 6);
    }

    [Theory]
    // attacker 1/(D + M) = 1/5 = 0.2 throughout
    // Usual: 0.2 / ((3 + 6/31)/5) = 0.2 · 155/99 = 31/99
    [InlineData(Usual, 0.313131)]
    // CommonElsewhere, new to the identity: 0.2 / ((0 + 20/31)/5) = 0.2 · 155/20 = 1.55
    [InlineData(CommonElsewhere, 1.55)]
    // RareElsewhere, new to the identity: 0.2 / ((0 + 1/31)/5) = 0.2 · 155 = 31
    [InlineData(RareElsewhere, 31)]
    // NeverSeen anywhere: 1/(N + M) like a single sighting, so also 31
    [InlineData(NeverSeen, 31)]
    public void Uniform_attacker_ratios_by_hand(ulong userAgent, double ratio)
    {
        Assert.Equal(ratio, UserAgentRatio(userAgent, Scorer()), 6);
    }

    [Fact]
    public void A_value_new_to_the_identity_weighs_more_when_it_is_rare_in_the_population()
    {
        var scorer = Scorer();

        Assert.True(UserAgentRatio(RareElsewhere, scorer) > UserAgentRatio(CommonElsewhere, scorer));
        Assert.True(UserAgentRatio(CommonElsewhere, scorer) > UserAgentRatio(Usual, scorer));
    }

    [Theory]
    // Freeman's numerator p(x): Usual (6/31) / ((3 + 6/31)/5) = 30/99 = 0.303030
    [InlineData(Usual, 0.303030)]
    // any value new to the identity: p(x) / (μ·p(x)/(n + μ)) = (n + μ)/μ = 5, whatever its rarity
    [InlineData(CommonElsewhere, 5)]
    [InlineData(RareElsewhere, 5)]
    public void Population_attacker_ratios_by_hand(ulong userAgent, double ratio)
    {
        Assert.Equal(ratio, UserAgentRatio(userAgent, Scorer(AttackerLikelihood.Population)), 6);
    }

    [Theory]
    // Uniform: 0.2 / p(x), since p(x | u) = p(x) with no history: 0.2 · 31/20 = 0.31 and 0.2 · 31 = 6.2
    [InlineData(AttackerLikelihood.Uniform, CommonElsewhere, 0.31)]
    [InlineData(AttackerLikelihood.Uniform, NeverSeen, 6.2)]
    [InlineData(AttackerLikelihood.Population, NeverSeen, 1)]
    public void A_brand_new_identity_scores_finitely_by_hand(AttackerLikelihood attacker, ulong userAgent, double ratio)
    {
        var scorer = Scorer(attacker);

        Assert.Equal(ratio, scorer.LikelihoodRatio(CategoricalFeature.UserAgent, userAgent, new IdentityHistory()), 6);
    }

    [Fact]
    public void A_missing_value_is_neutral()
    {
        Assert.Equal(1, UserAgentRatio(CategoricalObservation.Missing, Scorer()));
    }

    [Fact]
    public void A_new_ip_in_the_usual_network_and_country_is_nearly_neutral_by_hand()
    {
        // attacker: 0.6 · 1/(2 + 1) + 0.3 · 1/(1 + 1) + 0.1 · 1/(1 + 1) = 0.2 + 0.15 + 0.05 = 0.4
        // identity: IP (0 + 1/21)/11 = 1/231 = 0.004329; ASN and country (10 + 20/21)/11 = 230/231 = 0.995671
        //   0.6 · 0.004329 + 0.3 · 0.995671 + 0.1 · 0.995671 = 0.002597 + 0.298701 + 0.099567 = 0.400866
        // ratio 0.4/0.400866 = 0.997840
        var observation = new CategoricalObservation(NewIp, HomeAsn, HomeCountry, CategoricalObservation.Missing, CategoricalObservation.Missing);

        Assert.Equal(0.997840, Scorer().LocationLikelihoodRatio(observation, _histories), 6);
    }

    [Fact]
    public void A_new_ip_in_a_new_network_and_country_weighs_far_more_by_hand()
    {
        // attacker 0.4 as above; identity: every level (0 + 1/21)/11 = 1/231, so Σ = 1/231; ratio 0.4 · 231 = 92.4
        var observation = new CategoricalObservation(NewIp, NewAsn, NewCountry, CategoricalObservation.Missing, CategoricalObservation.Missing);

        Assert.Equal(92.4, Scorer().LocationLikelihoodRatio(observation, _histories), 6);
    }

    [Fact]
    public void The_log_risk_adds_the_location_user_agent_and_device_by_hand()
    {
        var foreign = new CategoricalObservation(NewIp, NewAsn, NewCountry, RareElsewhere, CategoricalObservation.Missing);

        // ln 92.4 + ln 31 + ln 1 = 4.526127 + 3.433987 + 0 = 7.960114
        Assert.Equal(7.960114, Scorer().LogRisk(foreign, _histories), 6);
    }

    [Fact]
    public void A_brand_new_identity_has_a_finite_log_risk_by_hand()
    {
        var foreign = new CategoricalObservation(NewIp, NewAsn, NewCountry, RareElsewhere, CategoricalObservation.Missing);

        // with no history p(x | u) = p(x) at every level: location 0.4 / (0.6 + 0.3 + 0.1)·(1/21) = 8.4, user agent
        // 0.2 · 31 = 6.2; ln 8.4 + ln 6.2 = 2.128232 + 1.824549 = 3.952781
        Assert.Equal(3.952781, Scorer().LogRisk(foreign, new IdentityFeatureHistories()), 6);
    }

    [Fact]
    public void The_identity_s_own_sign_in_carries_negative_log_risk()
    {
        var usual = new CategoricalObservation(HomeIp, HomeAsn, HomeCountry, Usual, CategoricalObservation.Missing);

        Assert.True(Scorer().LogRisk(usual, _histories) < 0);
    }

    [Fact]
    public void Refuses_a_smoothing_constant_of_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalNoveltyScorer(_population, new CategoricalNoveltyOptions { HistoryPseudoCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalNoveltyScorer(_population, new CategoricalNoveltyOptions { UnseenValueAllowance = 0 }));
    }
}
