using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Reporting;

/// <summary>
/// The HTML report of a replay (<c>riskengine replay --report</c>): watches every scored event of the candidate as the
/// replay's observer, keeping actions per period of event time and the timelines of the first <see cref="MaxTimelines"/> identities
/// acted on, then writes one self-contained file (inline CSS, script and data, nothing fetched) that charts them with
/// the <see cref="ReplaySummary"/>'s score distribution and signals. Memory is bounded whatever the number of events;
/// the same replay writes the same bytes.
/// </summary>
public sealed class ReplayReport : IScoringSink
{
    public const int MaxTimelines = 25;

    public const int TopSignals = 15;

    private static readonly string Script = Resource("report.js");
    private static readonly string Style = Resource("report.css");

    private readonly Dictionary<string, IdentityTimeline> _timelineOf = new(StringComparer.Ordinal);
    private readonly List<IdentityTimeline> _timelines = [];

    public ActionsOverTime Actions { get; } = new();

    /// <summary>In the order their identities were first acted on.</summary>
    public IReadOnlyList<IdentityTimeline> Timelines => _timelines;

    public void OnScored(in ScoredEvent scored)
    {
        Actions.Add(scored.Event.Timestamp, scored.Decision.Actions);
        if (_timelineOf.TryGetValue(scored.Event.IdentityId, out var timeline))
        {
            timeline.Add(scored);
        }
        else if (scored.Decision.Actions != TrustAction.None && _timelines.Count < MaxTimelines)
        {
            timeline = new IdentityTimeline(scored);
            _timelineOf.Add(timeline.Identity, timeline);
            _timelines.Add(timeline);
        }
    }

    // The report charts decisions; the SETs they led to are the decision lines' business.
    public void OnSecurityEvent(in SecurityEvent securityEvent)
    {
    }

    public void Write(TextWriter output, ReplaySummary summary, string title)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(title);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        AppendKeyNumbers(html, summary);
        html.Append("<section>\n<h2>Score distribution</h2>\n<p>Events by the score they left their identity with, in buckets of ")
            .Append(ScoreHistogram.BucketWidth).Append(" points, stacked by risk level.</p>\n")
            .Append("<div class=\"chart\" data-chart=\"scores\" role=\"img\" aria-label=\"Score distribution by risk level\"></div>\n</section>\n");
        html.Append("<section>\n<h2>Actions over time</h2>\n<p>Actions taken per period of event time, stacked by kind.</p>\n")
            .Append("<div class=\"chart\" data-chart=\"actions\" role=\"img\" aria-label=\"Actions over time by kind\"></div>\n</section>\n");
        AppendSignals(html, summary);
        AppendTimelines(html);
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(Data(summary, title)).Append("</script>\n")
            .Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        output.Write(html.ToString());
    }

    private static void AppendKeyNumbers(StringBuilder html, ReplaySummary summary)
    {
        html.Append("<section>\n<h2>Key numbers</h2>\n<table class=\"numbers\">\n");
        Row(html, "Events scored", Number(summary.Events));
        Row(html, "Records refused", Number(summary.Rejected));
        Row(html, "First event", Time(summary.FirstEventTime));
        Row(html, "Last event", Time(summary.LastEventTime));
        Row(html, "Decisions that acted", Number(summary.Decisions));
        Row(html, "Identities acted on", Number(summary.IdentitiesActioned));
        foreach (var kind in ReplaySummary.AllActionKinds)
        {
            Row(html, $"Actions: {kind}", Number(summary.Actions(kind)));
        }

        foreach (var level in ScoreHistogram.AllLevels)
        {
            Row(html, $"Events at level {level}", Number(summary.Scores.Count(level)));
        }

        html.Append("</table>\n</section>\n");
    }

    private static void AppendSignals(StringBuilder html, ReplaySummary summary)
    {
        html.Append("<section>\n<h2>Top signals</h2>\n<p>The ").Append(Math.Min(TopSignals, summary.Signals.Count()))
            .Append(" signals that took most points off scores, with how often they fired and the actions they stood behind.</p>\n")
            .Append("<div class=\"chart\" data-chart=\"signals\" role=\"img\" aria-label=\"Top signals by points\"></div>\n")
            .Append("<table>\n<thead><tr><th>Signal</th><th>Fired</th><th>Points</th><th>Actions</th></tr></thead>\n<tbody>\n");
        foreach (var signal in summary.Signals.Take(TopSignals))
        {
            html.Append("<tr><td>").Append(Encode(signal.Signal)).Append("</td><td>").Append(Number(signal.Fired))
                .Append("</td><td>").Append(signal.Points.ToString("N1", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Number(signal.Actions)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private void AppendTimelines(StringBuilder html)
    {
        html.Append("<section>\n<h2>Affected identities</h2>\n<p>The score of each of the first ").Append(MaxTimelines)
            .Append(" identities acted on, from the event of their first action on; dots mark actions.</p>\n");
        for (var index = 0; index < _timelines.Count; index++)
        {
            var timeline = _timelines[index];
            var identity = Encode(timeline.Identity);
            html.Append("<article>\n<h3>").Append(identity).Append("</h3>\n<p>Score before: ")
                .Append(Score(timeline.PreviousScore)).Append("; ").Append(Number(timeline.Points.Count)).Append(" events shown");
            if (timeline.Omitted > 0)
            {
                html.Append(", ").Append(Number(timeline.Omitted)).Append(" more left out to keep it small");
            }

            html.Append(".</p>\n<div class=\"chart\" data-chart=\"timeline-").Append(index.ToString(CultureInfo.InvariantCulture))
                .Append("\" role=\"img\" aria-label=\"Score timeline of ").Append(identity).Append("\"></div>\n")
                .Append("<details>\n<summary>Events with findings or actions</summary>\n<table>\n")
                .Append("<thead><tr><th>Time</th><th>Score</th><th>Level</th><th>Actions</th><th>Findings</th></tr></thead>\n<tbody>\n");
            foreach (var point in timeline.Points.Where(point => point.Actions != TrustAction.None || point.Signals.Count > 0))
            {
                html.Append("<tr><td>").Append(Time(point.Time)).Append("</td><td>").Append(Score(point.Score))
                    .Append("</td><td>").Append(point.Level.ToString()).Append("</td><td>")
                    .Append(point.Actions == TrustAction.None ? string.Empty : Encode(point.Actions.ToString())).Append("</td><td>");
                for (var finding = 0; finding < point.Signals.Count; finding++)
                {
                    html.Append("<div><b>").Append(Encode(point.Signals[finding])).Append("</b>: ")
                        .Append(Encode(point.Evidence[finding])).Append("</div>");
                }

                html.Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</details>\n</article>\n");
        }

        html.Append("</section>\n");
    }

    // The default encoder escapes <, > and & (and all non-ASCII), so no input text can close the script element it sits in.
    private string Data(ReplaySummary summary, string title)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("title", title);
            writer.WriteNumber("bucketWidth", ScoreHistogram.BucketWidth);
            writer.WriteNumber("topSignals", TopSignals);
            writer.WritePropertyName("summary");
            summary.WriteJson(writer);
            writer.WritePropertyName("actionsOverTime");
            Actions.WriteJson(writer);
            writer.WriteStartArray("timelines");
            foreach (var timeline in _timelines)
            {
                WriteTimeline(writer, timeline);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTimeline(Utf8JsonWriter writer, IdentityTimeline timeline)
    {
        writer.WriteStartObject();
        writer.WriteString("identity", timeline.Identity);
        writer.WriteNumber("previousScore", Math.Round(timeline.PreviousScore, 2));
        writer.WriteNumber("omitted", timeline.Omitted);
        writer.WriteStartArray("points");
        foreach (var point in timeline.Points)
        {
            writer.WriteStartObject();
            writer.WriteNumber("t", point.Time.ToUnixTimeMilliseconds());
            writer.WriteString("time", Time(point.Time));
            writer.WriteNumber("score", Math.Round(point.Score, 2));
            writer.WriteString("level", point.Level.ToString());
            writer.WriteStartArray("actions");
            foreach (var kind in ReplaySummary.AllActionKinds.Where(kind => point.Actions.HasFlag(kind)))
            {
                writer.WriteStringValue(kind.ToString());
            }

            writer.WriteEndArray();
            writer.WriteStartArray("findings");
            for (var finding = 0; finding < point.Signals.Count; finding++)
            {
                writer.WriteStartObject();
                writer.WriteString("signal", point.Signals[finding]);
                writer.WriteString("evidence", point.Evidence[finding]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th scope=\"row\">").Append(Encode(name)).Append("</th><td>").Append(value).Append("</td></tr>\n");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Score(double score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "none";

    private static string Resource(string name)
    {
        using var stream = typeof(ReplayReport).Assembly.GetManifestResourceStream($"{typeof(ReplayReport).Namespace}.{name}")
            ?? throw new InvalidOperationException($"the report's {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
