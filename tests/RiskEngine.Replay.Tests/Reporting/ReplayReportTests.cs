using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RiskEngine.Caep;
using RiskEngine.Core.Signals;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Replay.Recorded;
using RiskEngine.Replay.Replaying;
using RiskEngine.Replay.Reporting;
using RiskEngine.Replay.Summaries;
using RiskEngine.Replay.Tests.Replaying;
using RiskEngine.Sources;

namespace RiskEngine.Replay.Tests.Reporting;

public sealed partial class ReplayReportTests(RecordedTraffic traffic) : IClassFixture<RecordedTraffic>
{
    private const string Title = "Replay of a simulated day";
    private const string Injection = "</script><script>document.title='pwned'</script><b>x</b>";
    private static readonly PipelineOptions Pipeline = new();

    [Fact]
    public void The_report_renders_every_chart_offline_and_shows_hostile_evidence_only_as_text()
    {
        var (identity, injected) = InjectHostileUserAgent();
        var (report, result) = Replay([.. traffic.Files, injected]);
        var timeline = Assert.Single(report.Timelines, timeline => timeline.Identity == identity);
        Assert.Contains(timeline.Points, point => point.Evidence.Any(evidence => evidence.Contains(Injection, StringComparison.Ordinal)));
        var html = Html(report, result.Summary);
        var file = Path.Combine(traffic.Directory, "report.html");
        File.WriteAllText(file, html);

        var dom = HeadlessChromium.DumpDom(file);

        var charts = Chart().Matches(dom).ToDictionary(chart => chart.Groups["name"].Value, chart => Rendered(chart.Groups["attributes"].Value));
        Assert.Equal(["scores", "actions", "signals", .. report.Timelines.Select((_, index) => $"timeline-{index}")], charts.Keys);
        Assert.All(charts, chart => Assert.True(chart.Value > 0, $"chart {chart.Key} drew {chart.Value} marks"));
        var cells = ScoreHistogram.AllLevels.Sum(level => Enumerable.Range(0, ScoreHistogram.Buckets).Count(bucket => result.Summary.Scores.Count(level, bucket) > 0));
        Assert.Equal(cells, charts["scores"]);
        Assert.Equal(Math.Min(ReplayReport.TopSignals, result.Summary.Signals.Count()), charts["signals"]);

        // The injected script neither ran nor became markup; its text is on the page as text.
        Assert.Equal(Title, WebUtility.HtmlDecode(PageTitle().Match(dom).Groups["title"].Value));
        Assert.DoesNotContain("<b>x</b>", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><script>document.title", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
    }

    [Fact]
    public void The_same_replay_writes_a_byte_identical_report()
    {
        var (firstReport, first) = Replay(traffic.Files);
        var (secondReport, second) = Replay(traffic.Files);

        Assert.Equal(Html(firstReport, first.Summary), Html(secondReport, second.Summary));
        Assert.NotEmpty(firstReport.Timelines);
    }

    // A copy of a successful Entra sign-in of an identity the replay acts on, after everything else, from a user agent
    // that tries to break out of the report's markup: the new-user-agent signal quotes it in its evidence.
    private (string Identity, string File) InjectHostileUserAgent()
    {
        var (report, result) = Replay(traffic.Files);
        var records = File.ReadLines(traffic.Files[0])
            .SelectMany(line => JsonNode.Parse(line)!["records"]!.AsArray())
            .Where(record => (string?)record!["resultType"] == "0" && (string?)record["category"] == "SignInLogs")
            .ToList();
        var (identity, record) = report.Timelines
            .Where(timeline => timeline.Omitted == 0)
            .Select(timeline => (timeline.Identity, Record: records.LastOrDefault(record => (string?)record!["properties"]!["userId"] == timeline.Identity)))
            .First(candidate => candidate.Record is not null);
        var copy = record!.DeepClone();
        var time = result.Summary.LastEventTime!.Value.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        copy["time"] = time;
        copy["correlationId"] = "injected-correlation";
        var properties = copy["properties"]!;
        properties["id"] = "injected-sign-in";
        properties["createdDateTime"] = time;
        properties["correlationId"] = "injected-correlation";
        properties["userAgent"] = "Mozilla/5.0 " + Injection;
        var file = Path.Combine(traffic.Directory, "injected.jsonl");
        File.WriteAllText(file, new JsonObject { ["records"] = new JsonArray(copy) }.ToJsonString() + "\n");
        return (identity, file);
    }

    private static (ReplayReport Report, ReplayResult Result) Replay(IReadOnlyList<string> files)
    {
        var report = new ReplayReport();
        var job = new ReplayJob
        {
            Inputs = [.. files.Select(file => new RecordedFile(file, SourceFormat.Auto, Pipeline.MaxMessageBytes))],
            Decoders = SourceDecoders.WithDefaultOptions(),
            Pipeline = Pipeline,
            Caep = new CaepOptions(),
            Candidate = new TrustOptions(),
            CreateContext = trust => new ScoringContext(trust),
            Observer = report,
        };
        return (report, job.Run(CancellationToken.None));
    }

    private static string Html(ReplayReport report, ReplaySummary summary)
    {
        using var html = new StringWriter();
        report.Write(html, summary, Title);
        return html.ToString();
    }

    private static int Rendered(string attributes)
    {
        var rendered = RenderedMarks().Match(attributes);
        return rendered.Success ? int.Parse(rendered.Groups["marks"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""<div class="chart" data-chart="(?<name>[^"]+)"(?<attributes>[^>]*)>""")]
    private static partial Regex Chart();

    [GeneratedRegex("""data-rendered="(?<marks>\d+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RenderedMarks();

    [GeneratedRegex("<title>(?<title>[^<]*)</title>")]
    private static partial Regex PageTitle();

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
