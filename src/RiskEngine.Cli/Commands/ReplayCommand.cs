using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskEngine.Cli.Hosting;
using RiskEngine.Cli.Replaying;
using RiskEngine.Core.Trust;
using RiskEngine.Replay.Recorded;
using RiskEngine.Replay.Replaying;
using RiskEngine.Replay.Reporting;
using RiskEngine.Sources;

namespace RiskEngine.Cli.Commands;

/// <summary>
/// <c>riskengine replay</c>: recorded events (files, or a topic between two times) through the production decode and
/// scoring stages in event time, under the configured thresholds or a candidate file; one JSON line per decision,
/// a summary, against a baseline file the actions the candidate adds and removes by identity, and an HTML report.
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
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report (score distribution, actions over time, top signals, affected identities' timelines) to this file; it opens offline." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Show no progress on standard error." };
        var command = new Command("replay", "Replay recorded events through the production pipeline under candidate thresholds, deterministically.")
        {
            inputs, config, format, topic, from, to, thresholds, baseline, output, everyEvent, summary, diff, report, noProgress,
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
            var under = parse.GetValue(thresholds) is { } candidatePath
                ? $"the candidate {candidatePath.FullName}"
                : $"thresholds version {candidate.ThresholdVersion} ({(candidate.ThresholdVersion == 0 ? "the configured Trust settings" : "stored, in force")})";
            await Console.Error.WriteLineAsync($"replaying under {under}");
            var sourceFormat = parse.GetValue(format);
            IReadOnlyList<IRecordedMessages> recorded = topicName is null
                ? [.. files.Select(file => new RecordedFile(file.FullName, sourceFormat, environment.Pipeline.MaxMessageBytes))]
                : TopicRange.Open(environment.CreateConsumerConfig(), topicName, parse.GetValue(from), parse.GetValue(to), sourceFormat);

            var outputPath = parse.GetValue(output)!;
            await using var decisions = outputPath == "-"
                ? new BufferedStream(Console.OpenStandardOutput(), 1 << 16)
                : (Stream)new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            // Opened before the replay so a path that cannot be written fails now, not after hours of replaying.
            await using var reportOutput = parse.GetValue(report)?.CreateText();
            var htmlReport = reportOutput is null ? null : new ReplayReport();
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
                Observer = htmlReport,
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

            if (htmlReport is not null)
            {
                htmlReport.Write(reportOutput!, result.Summary, ReportTitle(files, topicName, parse.GetValue(from), parse.GetValue(to), under));
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Names what was replayed and under what: the files (the first few) or the topic range, and the thresholds.</summary>
    private static string ReportTitle(FileInfo[] files, string? topic, DateTimeOffset? from, DateTimeOffset? to, string under)
    {
        const int FilesNamed = 3;
        var inputs = topic is not null
            ? $"topic {topic} from {(from is null ? "the oldest kept" : from.Value.ToString("O", CultureInfo.InvariantCulture))} to {(to is null ? "the end" : to.Value.ToString("O", CultureInfo.InvariantCulture))}"
            : string.Join(", ", files.Take(FilesNamed).Select(file => file.Name)) + (files.Length > FilesNamed ? $" and {files.Length - FilesNamed} more files" : string.Empty);
        return $"Replay of {inputs} under {under}";
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
