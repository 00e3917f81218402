using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RiskEngine.Caep;
using RiskEngine.Core.Policy;
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

        AssertEveryChartDrewItsData(report, result.Summary, dom);

        // The injected script neither ran nor became markup; its text is on the page as text.
        Assert.Equal(Title, WebUtility.HtmlDecode(PageTitle().Match(dom).Groups["title"].Value));
        Assert.DoesNotContain("<b>x</b>", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><script>document.title", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
    }

    [Fact]
    public void Markup_and_script_in_an_identity_its_evidence_and_the_title_stay_text()
    {
        const string HostileIdentity = "<img src=x onerror=\"document.body.setAttribute('data-pwned','identity')\">";
        const string HostileEvidence = "</script><script>alert(1)</script><img src=x onerror=\"document.body.setAttribute('data-pwned','evidence')\">";
        const string HostileTitle = "Replay of </title><script>alert(2)</script>.jsonl";
        var report = new ReplayReport();
        var summary = new ReplaySummary();
        foreach (var scored in new[]
        {
            Scored.Event(HostileIdentity, Scored.Start, 40, TrustAction.StepUp | TrustAction.RiskLevelChange, previousScore: 90, new WeightedFinding("new-user-agent", 50, 1, HostileEvidence)),
            Scored.Event(HostileIdentity, Scored.Start.AddMinutes(30), 55),
            Scored.Event(HostileIdentity, Scored.Start.AddHours(2), 20, TrustAction.RevokeSession, previousScore: 55, new WeightedFinding("impossible-travel", 35, 1, HostileEvidence)),
            Scored.Event("bob", Scored.Start.AddHours(1), 95),
        })
        {
            summary.Add(scored);
            report.OnScored(scored);
        }

        using var writer = new StringWriter();
        report.Write(writer, summary, HostileTitle);
        var html = writer.ToString();

        // In the file: the JSON escapes < and > so nothing closes its script element, and the markup holds no element
        // of the input's (checked before rendering: an alert that got through would hold Chromium until its time limit).
        Assert.Contains(@"\u003C/script\u003E\u003Cscript\u003Ealert(1)\u003C/script\u003E", html, StringComparison.Ordinal);
        Assert.Equal(2, ScriptElement().Count(html));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h3>" + WebUtility.HtmlEncode(HostileIdentity) + "</h3>", html, StringComparison.Ordinal);
        var file = Path.Combine(traffic.Directory, "hostile.html");
        File.WriteAllText(file, html);

        var dom = HeadlessChromium.DumpDom(file);

        // In the page: the report's two script elements only, no image, nothing ran, the title as given.
        Assert.Equal(2, ScriptElement().Count(dom));
        Assert.DoesNotContain("<img", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-pwned", BodyTag().Match(dom).Value, StringComparison.Ordinal);
        Assert.Equal(HostileTitle, WebUtility.HtmlDecode(PageTitle().Match(dom).Groups["title"].Value));
        AssertEveryChartDrewItsData(report, summary, dom);
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

    // Each chart, in page order, drew one mark per datum: a bar per non-empty (score bucket, level) and (period, action
    // kind), a bar per top signal, a line and a dot per action for each timeline. The script says how many it drew
    // (data-rendered) and the DOM holds that many elements of class "mark" between the chart and the next one.
    private static void AssertEveryChartDrewItsData(ReplayReport report, ReplaySummary summary, string dom)
    {
        var expected = new Dictionary<string, int>
        {
            ["scores"] = ScoreHistogram.AllLevels.Sum(level => Enumerable.Range(0, ScoreHistogram.Buckets).Count(bucket => summary.Scores.Count(level, bucket) > 0)),
            ["actions"] = ActionsOverTimeTests.Json(report.Actions).GetProperty("bars").EnumerateArray().Sum(bar => bar.GetProperty("counts").EnumerateArray().Count(count => count.GetInt64() > 0)),
            ["signals"] = Math.Min(ReplayReport.TopSignals, summary.Signals.Count()),
        };
        for (var index = 0; index < report.Timelines.Count; index++)
        {
            expected[$"timeline-{index}"] = 1 + report.Timelines[index].Points.Count(point => point.Actions != TrustAction.None);
        }

        var charts = Chart().Matches(dom).ToList();
        Assert.Equal(expected.Keys, charts.Select(chart => chart.Groups["name"].Value));
        for (var index = 0; index < charts.Count; index++)
        {
            var name = charts[index].Groups["name"].Value;
            var end = index + 1 < charts.Count ? charts[index + 1].Index : dom.Length;
            var marks = Mark().Count(dom.AsSpan(charts[index].Index, end - charts[index].Index));
            Assert.True(expected[name] > 0, $"chart {name} has no data to draw");
            Assert.Equal((name, expected[name], expected[name]), (name, Rendered(charts[index].Groups["attributes"].Value), marks));
        }
    }

    private static int Rendered(string attributes)
    {
        var rendered = RenderedMarks().Match(attributes);
        return rendered.Success ? int.Parse(rendered.Groups["marks"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""<div class="chart" data-chart="(?<name>[^"]+)"(?<attributes>[^>]*)>""")]
    private static partial Regex Chart();

    [GeneratedRegex("""<(rect|polyline|circle)\b[^>]*\bclass="mark"[\s/>]""")]
    private static partial Regex Mark();

    [GeneratedRegex("<body[^>]*>")]
    private static partial Regex BodyTag();

    [GeneratedRegex(@"<script\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("""data-rendered="(?<marks>\d+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RenderedMarks();

    [GeneratedRegex("<title>(?<title>[^<]*)</title>")]
    private static partial Regex PageTitle();

    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:|//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
