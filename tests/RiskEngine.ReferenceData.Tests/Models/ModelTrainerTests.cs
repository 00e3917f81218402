using RiskEngine.Core.Anomaly.Features;
using RiskEngine.Core.Identity;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Training;

namespace RiskEngine.ReferenceData.Tests.Models;

public sealed class ModelTrainerTests : InTemporaryDirectory
{
    private static readonly DateTimeOffset TrainedAt = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trains_on_decoded_event_files_and_writes_a_model_the_engine_loads_with_its_card()
    {
        var file = SimulatedEventFile.Write(WorkDirectory);
        var contents = EventFile.Read([file, WriteLines("junk.jsonl", "{\"not\":\"an event\"}", "", "not json")]);
        Assert.Equal(2, contents.Rejected);
        Assert.True(contents.Events.Count > 500);
        Assert.True(contents.Events.Zip(contents.Events.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp));

        var model = ModelTrainer.Train(contents, ["signins.jsonl"], new TrainingOptions { Name = "unit" }, TrainedAt);
        Assert.Equal(EventFeatures.Names, model.Features);
        Assert.Equal(4, model.Pca.Components.Count);
        Assert.InRange(model.Metrics.ExplainedVariance, 0.5, 1);
        // The threshold is the 99.5th percentile of training scores, so about half a percent of them lie above it.
        Assert.InRange(model.Metrics.FlaggedShare, 0, 0.005);
        Assert.InRange(model.Threshold, model.Metrics.ScoreMedian, model.Metrics.ScoreMax);

        var path = ModelFile.Save(model, WorkDirectory, "riskengine train signins.jsonl --name unit");
        var loaded = ModelFile.Load(path);
        Assert.Equal("unit", loaded.Name);
        Assert.Equal(model.Threshold, loaded.Threshold);
        var card = File.ReadAllText(Path.Combine(WorkDirectory, "unit", ModelFile.CardFileName));
        Assert.Contains("# Model card: unit", card, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"{model.Training.Events:N0} events"), card, StringComparison.Ordinal);
        Assert.Contains("riskengine train signins.jsonl --name unit", card, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_files_and_seed_give_the_same_model()
    {
        var contents = EventFile.Read([SimulatedEventFile.Write(WorkDirectory)]);
        var first = ModelTrainer.Train(contents, ["a"], new TrainingOptions(), TrainedAt);
        var second = ModelTrainer.Train(contents, ["a"], new TrainingOptions(), TrainedAt);
        Assert.Equal(first.Pca.Components.SelectMany(c => c), second.Pca.Components.SelectMany(c => c));
        Assert.Equal(first.Threshold, second.Threshold);
    }

    [Fact]
    public void The_engine_replaying_the_training_events_through_a_loaded_model_flags_exactly_the_share_training_measured()
    {
        var contents = EventFile.Read([SimulatedEventFile.Write(WorkDirectory)]);
        var trained = ModelTrainer.Train(contents, ["a"], new TrainingOptions(), TrainedAt);
        var model = ModelFile.Load(ModelFile.Save(trained, WorkDirectory, "test"));

        // As the scoring stage does: each identity's profile before the event, then learn from it.
        var profiles = new Dictionary<string, ActivityProfile>();
        var flagged = 0;
        foreach (var identityEvent in contents.Events)
        {
            ref var profile = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(profiles, identityEvent.IdentityId, out _);
            flagged += model.Score(identityEvent, profile, out _, out _) > model.Threshold ? 1 : 0;
            profile.Observe(identityEvent);
        }

        Assert.True(flagged > 0);
        Assert.Equal(trained.Metrics.FlaggedShare, flagged / (double)contents.Events.Count);
    }

    [Theory]
    [InlineData(0, 0.995, "rank")]
    [InlineData(15, 0.995, "rank")]
    [InlineData(4, 1.0, "quantile")]
    public void Options_that_cannot_be_trained_with_are_refused_with_the_setting_named(int rank, double quantile, string named)
    {
        var contents = EventFile.Read([SimulatedEventFile.Write(WorkDirectory, identities: 5)]);
        var error = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(contents, ["a"], new TrainingOptions { Rank = rank, ThresholdQuantile = quantile }, TrainedAt));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_events_are_refused()
    {
        var contents = new EventFileContents([], 0, 0);
        Assert.Throws<ArgumentException>(() => ModelTrainer.Train(contents, ["a"], new TrainingOptions(), TrainedAt));
    }

    private string WriteLines(string name, params string[] lines)
    {
        var path = Path.Combine(WorkDirectory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
