using RiskEngine.Core.Anomaly.Novelty;

namespace RiskEngine.Core.Tests.Anomaly.Novelty;

public sealed class PopulationFrequenciesTests
{
    private static readonly PopulationFrequenciesOptions Small = new()
    {
        IpAddressCapacity = 8,
        AsnCapacity = 8,
        CountryCapacity = 8,
        UserAgentCapacity = 8,
        DeviceCapacity = 64,
    };

    [Fact]
    public void Counts_values_per_feature_with_totals_and_distinct_counts()
    {
        var population = new PopulationFrequencies(Small);

        population.Record(new CategoricalObservation(IpAddress: 1, Asn: 10, Country: 100, UserAgent: 7, Device: 9));
        population.Record(new CategoricalObservation(IpAddress: 2, Asn: 10, Country: 100, UserAgent: 7, Device: CategoricalObservation.Missing));

        Assert.Equal(2u, population.CountOf(CategoricalFeature.Asn, 10));
        Assert.Equal(1u, population.CountOf(CategoricalFeature.IpAddress, 2));
        Assert.Equal(0u, population.CountOf(CategoricalFeature.IpAddress, 10));
        Assert.Equal(2, population.Total(CategoricalFeature.IpAddress));
        Assert.Equal(2, population.DistinctValues(CategoricalFeature.IpAddress));
        Assert.Equal(1, population.DistinctValues(CategoricalFeature.Country));
        Assert.Equal(1, population.Total(CategoricalFeature.Device));
    }

    [Fact]
    public void Keeps_thousands_of_values_exact_when_the_table_has_room()
    {
        var population = new PopulationFrequencies(Small with { DeviceCapacity = 4096 });

        for (ulong device = 1; device <= 2000; device++)
        {
            for (ulong sighting = 0; sighting < device % 3 + 1; sighting++)
            {
                population.Record(CategoricalFeature.Device, device);
            }
        }

        Assert.Equal(2000, population.DistinctValues(CategoricalFeature.Device));
        Assert.All(Enumerable.Range(1, 2000), d => Assert.Equal((uint)(d % 3 + 1), population.CountOf(CategoricalFeature.Device, (ulong)d)));
    }

    [Fact]
    public void A_full_table_evicts_the_least_counted_value_and_keeps_the_total()
    {
        var population = new PopulationFrequencies(Small);
        for (ulong country = 1; country <= 8; country++)
        {
            for (var sighting = 0; sighting < (country == 5 ? 1 : 3); sighting++)
            {
                population.Record(CategoricalFeature.Country, country);
            }
        }

        population.Record(CategoricalFeature.Country, 99);

        Assert.Equal(0u, population.CountOf(CategoricalFeature.Country, 5));
        Assert.Equal(1u, population.CountOf(CategoricalFeature.Country, 99));
        Assert.Equal(3u, population.CountOf(CategoricalFeature.Country, 4));
        Assert.Equal(8, population.DistinctValues(CategoricalFeature.Country));
        Assert.Equal(7 * 3 + 1 + 1, population.Total(CategoricalFeature.Country));
    }
}
