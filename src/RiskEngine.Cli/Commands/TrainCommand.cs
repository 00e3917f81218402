using System.CommandLine;
using System.Globalization;
using RiskEngine.ReferenceData.Models;
using RiskEngine.ReferenceData.Training;

namespace RiskEngine.Cli.Commands;

/// <summary><c>riskengine train</c>: trains the activity model from event files and writes models/&lt;name&gt;/ with its card.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var inputs = new Argument<FileInfo[]>("event-files")
        {
            Description = "Files of events, one message per line as producers write them (Entra, Okta, Envoy, Linkerd, OPA; detected per line).",
            Arity = ArgumentArity.OneOrMore,
        };
        var name = new Option<string>("--name") { Description = "The model's name, and its directory under --output.", DefaultValueFactory = _ => "default" };
        var output = new Option<DirectoryInfo>("--output") { Description = "Where model directories go.", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var rank = new Option<int>("--rank") { Description = "Principal components kept.", DefaultValueFactory = _ => 4 };
        var oversampling = new Option<int>("--oversampling") { Description = "Extra random projections, for accuracy.", DefaultValueFactory = _ => 20 };
        var quantile = new Option<double>("--threshold-quantile") { Description = "Share of training events scored at or below the threshold.", DefaultValueFactory = _ => 0.995 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random projection: the same seed and files give the same model.", DefaultValueFactory = _ => 42 };
        var command = new Command("train", "Train the activity model (randomized PCA) from event files; writes model.json and a model card.")
        {
            inputs, name, output, rank, oversampling, quantile, seed,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var files = parse.GetValue(inputs)!;
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                await Console.Error.WriteLineAsync($"no such event file: {missing.FullName}");
                return 2;
            }

            var options = new TrainingOptions
            {
                Name = parse.GetValue(name)!,
                Rank = parse.GetValue(rank),
                Oversampling = parse.GetValue(oversampling),
                ThresholdQuantile = parse.GetValue(quantile),
                Seed = parse.GetValue(seed),
            };
            var contents = EventFile.Read(files.Select(f => f.FullName));
            ModelDocument model;
            try
            {
                model = ModelTrainer.Train(contents, [.. files.Select(f => f.Name)], options, DateTimeOffset.UtcNow);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"riskengine train: {ex.Message}");
                return 2;
            }

            var reproduce = string.Create(
                CultureInfo.InvariantCulture,
                $"riskengine train {string.Join(' ', files.Select(f => f.Name))} --name {options.Name} --rank {options.Rank} --oversampling {options.Oversampling} --threshold-quantile {options.ThresholdQuantile} --seed {options.Seed}");
            var path = ModelFile.Save(model, parse.GetValue(output)!.FullName, reproduce);
            await Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"trained {model.Name} on {model.Training.Events:N0} events of {model.Training.Identities:N0} identities: explained variance {model.Metrics.ExplainedVariance:0.000}, threshold {model.Threshold:0.000}; wrote {path}"));
            return 0;
        }));
        return command;
    }
}
