using System.Text.Json.Nodes;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Training;

namespace RiskEngine.ReferenceData.Tests.Models;

public sealed class ModelFileTests : InTemporaryDirectory
{
    [Fact]
    public void A_file_that_is_not_a_model_is_refused_saying_why()
    {
        var path = Path.Combine(WorkDirectory, "model.json");
        File.WriteAllText(path, "{ not json");
        Assert.Contains("is not a model file", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message, StringComparison.Ordinal);

        File.WriteAllText(path, """{"format":"someone-else/3"}""");
        Assert.Contains("found someone-else/3", Assert.Throws<InvalidDataException>(() => ModelFile.Load(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_trained_on_other_features_is_refused_naming_both_lists()
    {
        var path = TrainedModel();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["features"]![0] = "hour-of-the-wolf";
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
        Assert.Contains("hour-of-the-wolf", error.Message, StringComparison.Ordinal);
        Assert.Contains("retrain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_outside_the_score_range_is_refused()
    {
        var path = TrainedModel();
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["threshold"] = 1.5;
        File.WriteAllText(path, json.ToJsonString());
        Assert.Throws<InvalidDataException>(() => ModelFile.Load(path));
    }

    private string TrainedModel()
    {
        var contents = EventFile.Read([SimulatedEventFile.Write(WorkDirectory, identities: 10)]);
        return ModelFile.Save(ModelTrainer.Train(contents, ["a"], new TrainingOptions(), DateTimeOffset.UnixEpoch), WorkDirectory, "test");
    }
}
