using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using RiskEngine.Core.Trust;
using RiskEngine.ReferenceData.Models;
using RiskEngine.Replay.Evaluation;
using RiskEngine.Simulation.Traffic;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine evaluate</c>: simulated traffic of every format with labelled attacks and look-alikes, replayed
/// through the production scoring stage under a candidate "Trust" setting; prints recall per attack kind, the median
/// time to action, precision and the share of benign identities actioned.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigFile();
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated traffic; keep one seed for tuning and judge on others.", DefaultValueFactory = _ => 4242 };
        var identities = new Option<int>("--identities") { Description = "Number of users.", DefaultValueFactory = _ => 400 };
        var days = new Option<double>("--days") { Description = "Event-time length of the traffic, in days (at least 1).", DefaultValueFactory = _ => 2 };
        var model = new Option<FileInfo?>("--model") { Description = "An activity model (model.json) to score with; none by default." };
        var command = new Command("evaluate", "Measure detection quality on labelled simulated traffic under the Trust settings of --config.")
        {
            config, seed, identities, days, model,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var trust = new TrustOptions();
            if (parse.GetValue(config) is { } file)
            {
                new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file), optional: false).Build().GetSection(TrustOptions.SectionName).Bind(trust);
            }

            if (new TrustOptionsValidator().Validate(null, trust) is { Failed: true } invalid)
            {
                await Console.Error.WriteLineAsync($"riskengine evaluate: {invalid.FailureMessage}");
                return 2;
            }

            var traffic = new TrafficOptions
            {
                Seed = parse.GetValue(seed),
                Identities = parse.GetValue(identities),
                Duration = TimeSpan.FromDays(parse.GetValue(days)),
            };
            traffic.Validate();
            var activityModel = parse.GetValue(model) is { } path ? ModelFile.Load(path.FullName) : null;
            var result = await Task.Run(() => SimulatedEvaluation.Run(traffic, trust, activityModel), cancellationToken);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seed {traffic.Seed}: {result.Events:N0} events of {traffic.Identities:N0} users and their workloads over {traffic.Duration.TotalDays:0.#} days, {result.Refused:N0} refused by the decoders"));
            await Console.Out.WriteLineAsync();
            await Console.Out.WriteLineAsync(result.Report.ToMarkdown());
            return 0;
        }));
        return command;
    }
}
