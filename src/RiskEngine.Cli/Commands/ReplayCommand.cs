using System.CommandLine;
using System.Text.Json;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Replaying;
using RiskEngine.Core.Trust;
using RiskEngine.Replay.Recorded;
using RiskEngine.Replay.Replaying;
using RiskEngine.Sources;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine replay</c>: recorded events (files, or a topic between two times) through the production decode and
/// scoring stages in event time, under the configured thresholds or a candidate file; one JSON line per decision,
/// a summary, and, against a baseline file, the actions the candidate adds and removes by identity.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var config = CommonOptions.ConfigFile();
        var inputs = new Argument<FileInfo[]>("files")
        {
            Description = "Recorded files: JSON lines, one message per line (.jsonl, .log, ...), or a .json file that is one message; .gz compressed too.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<SourceFormat>("--format") { Description = "The inputs' format; Auto detects it per message.", DefaultValueFactory = _ => SourceFormat.Auto };
        var topic = new Option<string?>("--topic") { Description = "Replay this topic of the configured cluster (Kafka:BootstrapServers) instead of files." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "With --topic: from the first message at or after this time (ISO 8601); default the oldest kept." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "With --topic: up to the first message at or after this time; default what the topic holds when the replay starts." };
        var thresholds = new Option<FileInfo?>("--thresholds") { Description = "A candidate thresholds document (schemas/thresholds.schema.json) laid over the configured trust settings; default the stored version in force." };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "A thresholds document to compare the candidate with: the actions the candidate adds and removes, by identity." };
        var output = new Option<string>("--output") { Description = "Where the decision lines go; - for standard output.", DefaultValueFactory = _ => "-" };
        var everyEvent = new Option<bool>("--every-event") { Description = "A line for every scored event, not only those whose decision acted." };
        var summary = new Option<FileInfo?>("--summary") { Description = "Also write the summary as JSON to this file." };
        var diff = new Option<FileInfo?>("--diff") { Description = "With --baseline: write the differences as JSON lines, one per identity, to this file." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Show no progress on standard error." };
        var command = new Command("replay", "Replay recorded events through the production pipeline under candidate thresholds, deterministically.")
        {
            inputs, config, format, topic, from, to, thresholds, baseline, output, everyEvent, summary, diff, noProgress,
        };
        command.SetAction((parse, cancellationToken) => CommonOptions.RunAsync(async () =>
        {
            var files = parse.GetValue(inputs) ?? [];
            var topicName = parse.GetValue(topic);
            if (files.Length == 0 == (topicName is null))
            {
                await Console.Error.WriteLineAsync("riskengine replay: give recorded files or --topic, not both and not neither.");
                return 2;
            }

            if (files.FirstOrDefault(file => !file.Exists) is { } missing)
            {
                throw new FileNotFoundException($"No such recorded file: {missing.FullName}", missing.FullName);
            }

            await using var environment = new ReplayEnvironment(new EngineHostSettings { ConfigFile = parse.GetValue(config) });
            var candidate = parse.GetValue(thresholds) is { } candidateFile
                ? Thresholds(candidateFile, environment.Trust)
                : await environment.InForceAsync(cancellationToken);
            var baselineTrust = parse.GetValue(baseline) is { } baselineFile ? Thresholds(baselineFile, environment.Trust) : null;
            await Console.Error.WriteLineAsync(parse.GetValue(thresholds) is null
                ? $"replaying under thresholds version {candidate.ThresholdVersion} ({(candidate.ThresholdVersion == 0 ? "the configured Trust settings" : "stored, in force")})"
                : $"replaying under the candidate {parse.GetValue(thresholds)!.FullName}");
            var sourceFormat = parse.GetValue(format);
            IReadOnlyList<IRecordedMessages> recorded = topicName is null
                ? [.. files.Select(file => new RecordedFile(file.FullName, sourceFormat, environment.Pipeline.MaxMessageBytes))]
                : TopicRange.Open(environment.CreateConsumerConfig(), topicName, parse.GetValue(from), parse.GetValue(to), sourceFormat);

            var outputPath = parse.GetValue(output)!;
            await using var decisions = outputPath == "-"
                ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16)
                : (Stream)new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            var job = new ReplayJob
            {
                Inputs = recorded,
                Decoders = environment.Decoders,
                Pipeline = environment.Pipeline,
                Caep = environment.Caep,
                Candidate = candidate,
                Baseline = baselineTrust,
                CreateContext = environment.CreateContext,
                Decisions = decisions,
                EveryEvent = parse.GetValue(everyEvent),
            };
            var replay = Task.Factory.StartNew(() => job.Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!parse.GetValue(noProgress))
            {
                await new ProgressLine(job.Progress, Console.Error, interactive: !Console.IsErrorRedirected).ShowUntilAsync(replay);
            }

            var result = await replay;
            await decisions.FlushAsync(cancellationToken);
            await Console.Error.WriteAsync(result.Summary.ToText());
            foreach (var (code, count) in result.Counts.Rejected)
            {
                await Console.Error.WriteLineAsync($"  refused as {code}: {count:N0}");
            }

            if (parse.GetValue(summary) is { } summaryFile)
            {
                await using var stream = summaryFile.Create();
                await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                result.Summary.WriteJson(writer);
            }

            if (result.Diff is { } actions)
            {
                await Console.Error.WriteLineAsync(actions.Describe());
                if (parse.GetValue(diff) is { } diffFile)
                {
                    await using var stream = diffFile.Create();
                    actions.WriteJsonLines(stream);
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The configured settings, or with a thresholds document laid over them; a document that makes no sense together with them is refused.</summary>
    private static TrustOptions Thresholds(FileInfo file, TrustOptions configured)
    {
        ThresholdSettings document;
        try
        {
            document = ThresholdSettings.Parse(File.ReadAllText(file.FullName));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file.FullName} is not a thresholds document: {ex.Message}", ex);
        }

        var validation = document.ApplyTo(configured, configured.ThresholdVersion);
        return validation.Applied ?? throw new InvalidDataException($"{file.FullName} makes no sense with the configured trust settings: {string.Join(" ", validation.Failures)}");
    }
}
