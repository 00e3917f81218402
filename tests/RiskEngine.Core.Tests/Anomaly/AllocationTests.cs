using RiskEngine.Core.Anomaly.Novelty;
using RiskEngine.Core.Anomaly.Pca;
using RiskEngine.Core.Anomaly.TimeSeries;

namespace RiskEngine.Core.Tests.Anomaly;

/// <summary>The per-event paths allocate nothing, so scoring millions of events makes no garbage.</summary>
public sealed class AllocationTests
{
    /// <summary>Bytes allocated by 100 runs after 100 more that take every path once (JIT, MathNet's static tables).</summary>
    private static long AllocatedBy(Action action)
    {
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Pca_scoring_and_normalization_allocate_nothing()
    {
        var model = new PcaModel([1, 2, 3], [[1, 0, 0], [0, 0.6, 0.8]]);
        var normalizer = new FeatureNormalizer([0, 1, 2], [1, 0.5, 0.25]);
        double[] raw = [4, 5, 6];
        var point = new double[3];
        var score = 0.0;

        var allocated = AllocatedBy(() =>
        {
            normalizer.Normalize(raw, point);
            score += model.Score(point);
        });

        Assert.Equal(0, allocated);
        Assert.True(score > 0);
    }

    [Fact]
    public void Series_detectors_allocate_nothing()
    {
        var spikes = new IidSpikeDetector(new IidSpikeDetectorOptions());
        var changes = new MartingaleChangePointDetector(new MartingaleChangePointOptions { Martingale = MartingaleType.Mixture });
        var window = new SeriesWindow();
        var state = new ChangePointState();
        var value = 0f;

        var allocated = AllocatedBy(() =>
        {
            value = (value + 3.7f) % 11;
            spikes.Process(ref window, value);
            changes.Process(ref state, value);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(SeriesWindow.Capacity, window.Count);
    }

    [Fact]
    public void Novelty_recording_and_scoring_allocate_nothing()
    {
        var population = new PopulationFrequencies(new PopulationFrequenciesOptions
        {
            IpAddressCapacity = 64,
            AsnCapacity = 64,
            CountryCapacity = 64,
            UserAgentCapacity = 64,
            DeviceCapacity = 64,
        });
        var scorer = new CategoricalNoveltyScorer(population, new CategoricalNoveltyOptions());
        var histories = new IdentityFeatureHistories();
        var observation = new CategoricalObservation(1, 2, 3, 4, 5);
        var risk = 0.0;

        var allocated = AllocatedBy(() =>
        {
            risk += scorer.LogRisk(observation, histories);
            population.Record(observation);
            histories.Record(observation);
        });

        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(risk));
    }
}
