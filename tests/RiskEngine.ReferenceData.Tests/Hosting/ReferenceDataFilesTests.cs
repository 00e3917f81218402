using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskEngine.Core.Signals;
using RiskEngine.ReferenceData.Hosting;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Tests.Models;
using RiskEngine.ReferenceData.Training;

namespace RiskEngine.ReferenceData.Tests.Hosting;

public sealed class ReferenceDataFilesTests : InTemporaryDirectory
{
    [Fact]
    public async Task Loads_the_configured_model_at_start_and_swaps_in_a_retrained_one_without_a_restart()
    {
        var events = EventFile.Read([SimulatedEventFile.Write(WorkDirectory)]);
        var path = ModelFile.Save(ModelTrainer.Train(events, ["a"], new TrainingOptions { Name = "live" }, DateTimeOffset.UnixEpoch), WorkDirectory, "test");
        var context = new ScoringContext();
        using var files = new ReferenceDataFiles(
            context,
            Options.Create(new ModelOptions { ActivityModel = path, PollInterval = TimeSpan.FromMilliseconds(100) }),
            NullLogger<ReferenceDataFiles>.Instance);

        await files.StartAsync(CancellationToken.None);
        var first = Assert.IsType<Core.Anomaly.Features.ActivityModel>(context.ActivityModel);

        ModelFile.Save(ModelTrainer.Train(events, ["a"], new TrainingOptions { Name = "live", Rank = 6 }, DateTimeOffset.UnixEpoch), WorkDirectory, "test");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5)); // a new version even on a coarse clock
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReferenceEquals(context.ActivityModel, first) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotSame(first, context.ActivityModel);
        await files.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_named_model_that_is_missing_stops_the_start_and_none_named_leaves_the_signal_off()
    {
        var context = new ScoringContext();
        using var named = new ReferenceDataFiles(context, Options.Create(new ModelOptions { ActivityModel = Path.Combine(WorkDirectory, "absent.json") }), NullLogger<ReferenceDataFiles>.Instance);
        await Assert.ThrowsAsync<FileNotFoundException>(() => named.StartAsync(CancellationToken.None));

        using var none = new ReferenceDataFiles(context, Options.Create(new ModelOptions()), NullLogger<ReferenceDataFiles>.Instance);
        await none.StartAsync(CancellationToken.None);
        Assert.Null(context.ActivityModel);
    }
}
