using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RiskEngine.Caep;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Replay.Recorded;
using RiskEngine.Replay.Replaying;
using RiskEngine.Sources;
using RiskEngine.Testing;

namespace RiskEngine.Replay.Tests.Replaying;

public sealed class ReplayJobTests(RecordedTraffic traffic) : IClassFixture<RecordedTraffic>
{
    private static readonly PipelineOptions Pipeline = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void The_same_recording_and_settings_write_byte_identical_decisions_and_summary()
    {
        var (firstDecisions, first) = Replay(new TrustOptions());
        var (secondDecisions, second) = Replay(new TrustOptions());

        Assert.Equal(firstDecisions, secondDecisions);
        Assert.Equal(SummaryJson(first), SummaryJson(second));
        Assert.True(first.Summary.Decisions > 0, "a day of traffic with attacks acts at least once");
        var lines = Lines(firstDecisions);
        Assert.Equal(first.Summary.Decisions, lines.Count);
        Assert.All(lines, line => Assert.NotEqual(0, line.GetProperty("actions").GetArrayLength()));
        Assert.Equal(first.Counts.Events, first.Summary.Events);
        Assert.Equal(0, first.Counts.RejectedTotal);
    }

    [Fact]
    public void Every_event_is_scored_in_event_time_across_the_files_and_each_line_carries_its_explanation()
    {
        var (decisions, result) = Replay(new TrustOptions(), everyEvent: true);

        var lines = Lines(decisions);
        Assert.Equal(result.Counts.Events, lines.Count);
        var times = lines.Select(line => line.GetProperty("time").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        var acted = lines.First(line => line.GetProperty("actions").GetArrayLength() > 0);
        var explanation = acted.GetProperty("explanation");
        Assert.Equal(acted.GetProperty("score").GetDouble(), explanation.GetProperty("score").GetDouble());
        Assert.NotEqual(0, explanation.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, acted.GetProperty("thresholdVersion").GetInt32());
    }

    [Fact]
    public void Against_a_baseline_the_diff_holds_exactly_the_actions_one_setting_took_and_the_other_did_not_by_identity()
    {
        var configured = new TrustOptions();
        var strict = Stricter(configured);

        var (strictDecisions, stricter) = Replay(strict, baseline: configured);
        var (configuredDecisions, laxer) = Replay(configured, baseline: strict);

        // The actions each setting took alone, from its own decision lines.
        var strictActions = Actions(strictDecisions);
        var configuredActions = Actions(configuredDecisions);
        var added = stricter.Diff!.Differences().ToList();
        Assert.Equal(
            strictActions.Except(configuredActions).Order(),
            added.SelectMany(identity => identity.Added.Select(action => (identity.Identity, action.SourceEventId, action.Action.ToString()))).Order());
        Assert.Equal(
            configuredActions.Except(strictActions).Order(),
            added.SelectMany(identity => identity.Removed.Select(action => (identity.Identity, action.SourceEventId, action.Action.ToString()))).Order());
        Assert.Contains(added, identity => identity.Added.Any(action => action.Action == TrustAction.RevokeSession));
        Assert.True(stricter.Summary.Actions(TrustAction.RevokeSession) > laxer.Summary.Actions(TrustAction.RevokeSession));

        // The same comparison the other way round swaps what is added and removed.
        var removed = laxer.Diff!.Differences().ToList();
        Assert.Equal(added.Select(identity => identity.Identity), removed.Select(identity => identity.Identity));
        Assert.Equal(added.SelectMany(identity => identity.Added), removed.SelectMany(identity => identity.Removed));
        Assert.Equal(added.SelectMany(identity => identity.Removed), removed.SelectMany(identity => identity.Added));
    }

    [Fact]
    public void Decision_and_diff_lines_follow_their_published_schemas()
    {
        var (decisions, result) = Replay(Stricter(new TrustOptions()), baseline: new TrustOptions(), everyEvent: true);
        using var diff = new MemoryStream();
        result.Diff!.WriteJsonLines(diff);

        // Every acting decision and a sample of the others: one validator process checks them all.
        var lines = Encoding.UTF8.GetString(decisions).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sample = lines.Where((line, index) => index % 97 == 0 || !line.Contains("\"actions\":[]", StringComparison.Ordinal)).ToList();
        Assert.All(SchemaValidator.Validate("replay-decision.schema.json", sample), Assert.Null);
        var diffLines = Encoding.UTF8.GetString(diff.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(diffLines);
        Assert.All(SchemaValidator.Validate("replay-diff.schema.json", diffLines), Assert.Null);
    }

    [Fact]
    public void Bad_lines_are_refused_with_their_reason_and_the_lines_after_them_are_still_scored()
    {
        var entra = traffic.Files[0];
        var good = File.ReadAllLines(entra).Take(20).ToList();
        var path = Path.Combine(traffic.Directory, "damaged.jsonl");
        File.WriteAllLines(path, [good[0], "not json", """{"records":[{"hello":"world"}]}""", new string('x', Pipeline.MaxMessageBytes + 10), "", .. good.Skip(1)]);
        var clean = Replay(new TrustOptions(), everyEvent: true, files: [Path.Combine(traffic.Directory, "clean.jsonl")], write: good);

        var (decisions, result) = Replay(new TrustOptions(), everyEvent: true, files: [path]);

        Assert.Equal(clean.Result.Counts.Events, result.Counts.Events);
        Assert.Equal(clean.Decisions, decisions);
        Assert.Equal(1, result.Counts.Rejected[RejectionCode.MalformedJson]);
        Assert.Equal(1, result.Counts.Rejected[RejectionCode.Oversized]);
        Assert.Equal(3, result.Counts.RejectedTotal);
    }

    [Fact]
    public void A_gzip_compressed_recording_and_a_json_file_of_one_message_replay_as_the_plain_lines_do()
    {
        var lines = File.ReadAllLines(traffic.Files[0]).Take(30).ToList();
        var plain = Path.Combine(traffic.Directory, "plain.jsonl");
        File.WriteAllLines(plain, lines);
        var compressed = plain + ".gz";
        using (var gzip = new GZipStream(File.Create(compressed), CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(plain));
        }

        var single = Path.Combine(traffic.Directory, "one-message.json");
        File.WriteAllText(single, JsonSerializer.Serialize(JsonDocument.Parse(lines[0]).RootElement, Indented));

        var expected = Replay(new TrustOptions(), everyEvent: true, files: [plain]);
        var fromGzip = Replay(new TrustOptions(), everyEvent: true, files: [compressed]);
        var first = Replay(new TrustOptions(), everyEvent: true, files: [Path.Combine(traffic.Directory, "first.jsonl")], write: [lines[0]]);
        var fromJson = Replay(new TrustOptions(), everyEvent: true, files: [single]);

        Assert.Equal(expected.Decisions, fromGzip.Decisions);
        Assert.True(first.Result.Counts.Events > 0);
        Assert.Equal(first.Decisions, fromJson.Decisions);
    }

    private (byte[] Decisions, ReplayResult Result) Replay(
        TrustOptions candidate, TrustOptions? baseline = null, bool everyEvent = false, IReadOnlyList<string>? files = null, IReadOnlyList<string>? write = null)
    {
        if (write is not null)
        {
            File.WriteAllLines(files![0], write);
        }

        using var decisions = new MemoryStream();
        var job = new ReplayJob
        {
            Inputs = [.. (files ?? traffic.Files).Select(file => new RecordedFile(file, SourceFormat.Auto, Pipeline.MaxMessageBytes))],
            Decoders = SourceDecoders.WithDefaultOptions(),
            Pipeline = Pipeline,
            Caep = new CaepOptions(),
            Candidate = candidate,
            Baseline = baseline,
            CreateContext = trust => new ScoringContext(trust),
            Decisions = decisions,
            EveryEvent = everyEvent,
        };
        var result = job.Run(CancellationToken.None);
        return (decisions.ToArray(), result);
    }

    // Every action threshold of every sensitivity 10 points higher: more revocations, step-ups and risk changes.
    private static TrustOptions Stricter(TrustOptions configured)
    {
        var thresholds = ThresholdSettings.Parse(ThresholdSettings.Of(configured).ToJson());
        foreach (var sensitivity in Enum.GetValues<ResourceSensitivity>())
        {
            var action = thresholds.Policy.Thresholds.For(sensitivity);
            (action.Revoke, action.StepUp, action.RiskLevelChange) = (action.Revoke + 10, action.StepUp + 10, Math.Min(100, action.RiskLevelChange + 10));
        }

        thresholds.Policy.RearmMargin = 0;
        var validation = thresholds.ApplyTo(configured, version: 2);
        return validation.Applied ?? throw new InvalidOperationException(string.Join(" ", validation.Failures));
    }

    private static List<JsonElement> Lines(byte[] decisions) =>
        [.. Encoding.UTF8.GetString(decisions).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    private static HashSet<(string Identity, string SourceEventId, string Action)> Actions(byte[] decisions) =>
    [
        .. Lines(decisions).SelectMany(line => line.GetProperty("actions").EnumerateArray().Select(action =>
            (line.GetProperty("identity").GetString()!, line.GetProperty("sourceEventId").GetString()!, action.GetString()!))),
    ];

    private static string SummaryJson(ReplayResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            result.Summary.WriteJson(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
