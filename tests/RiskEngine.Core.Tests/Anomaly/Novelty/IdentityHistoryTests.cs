using RiskEngine.Core.Anomaly.Novelty;

namespace RiskEngine.Core.Tests.Anomaly.Novelty;

public sealed class IdentityHistoryTests
{
    private static IdentityHistory Recorded(params ulong[] valueHashes)
    {
        var history = new IdentityHistory();
        foreach (var valueHash in valueHashes)
        {
            history.Record(valueHash);
        }

        return history;
    }

    [Fact]
    public void Counts_each_value_and_the_total()
    {
        var history = Recorded(7, 7, 8);

        Assert.Equal(2u, history.CountOf(7));
        Assert.Equal(1u, history.CountOf(8));
        Assert.Equal(0u, history.CountOf(9));
        Assert.Equal(3u, history.Total);
    }

    [Theory]
    // 2 is the only value seen once
    [InlineData(new ulong[] { 1, 1, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6 }, 2ul)]
    // all seen once: the first recorded gives way
    [InlineData(new ulong[] { 1, 2, 3, 4, 5, 6 }, 1ul)]
    public void A_seventh_value_evicts_the_least_counted_first_among_equals(ulong[] recorded, ulong evicted)
    {
        var history = Recorded(recorded);

        history.Record(7);

        Assert.Equal(0u, history.CountOf(evicted));
        Assert.Equal(1u, history.CountOf(7));
        Assert.Equal((uint)recorded.Length + 1, history.Total);
        Assert.All(recorded.Distinct().Where(v => v != evicted), v => Assert.Equal((uint)recorded.Count(r => r == v), history.CountOf(v)));
    }

    [Fact]
    public void A_count_about_to_overflow_halves_every_count_and_the_total()
    {
        var history = Recorded(8);
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            history.Record(7);
        }

        history.Record(7);

        // 7: 65,535 halved (rounding up) to 32,768, then this sighting: 32,769. 8: 1 stays 1 (a value seen stays seen).
        // Total: 65,536 halved to 32,768, raised to the counts' sum 32,769, then this sighting: 32,770.
        Assert.Equal(32_769u, history.CountOf(7));
        Assert.Equal(1u, history.CountOf(8));
        Assert.Equal(32_770u, history.Total);
    }

    [Fact]
    public void A_missing_value_is_not_counted()
    {
        var history = Recorded(CategoricalObservation.Missing, 5);

        Assert.Equal(1u, history.Total);
        Assert.Equal(0u, history.CountOf(CategoricalObservation.Missing));
    }
}
