using System.Globalization;
using System.Text.Json;
using System.Text;
using RiskEngine.Core.Text;
using RiskEngine.Core.Trust;

namespace RiskEngine.Audit.Reporting;

/// <summary>
/// <c>riskengine explain</c>'s output: an identity's recorded score changes and the signals behind each, as text
/// for an analyst or as JSON lines.
/// </summary>
public static class ScoreHistoryReport
{
    public static async Task WriteTextAsync(TextWriter output, string identity, IReadOnlyList<ScoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(changes);
        identity = TerminalText.Safe(identity)!;
        if (changes.Count == 0)
        {
            await output.WriteLineAsync($"No recorded decisions for {identity}.");
            return;
        }

        await output.WriteLineAsync($"{identity}: {changes.Count} recorded {(changes.Count == 1 ? "change" : "changes")}");
        foreach (var change in changes)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync(Text(change));
        }
    }

    public static async Task WriteJsonLinesAsync(TextWriter output, IReadOnlyList<ScoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            await output.WriteLineAsync(JsonLine(change));
        }
    }

    private static string Text(ScoreChange change)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{AuditJson.Time(change.Time)}  event {TerminalText.Safe(change.SourceEventId) ?? "(unknown)"}");
        text.Append(change.ThresholdVersion is { } version ? $"  threshold version {version.ToString(CultureInfo.InvariantCulture)}" : "  threshold version unknown");
        text.AppendLine();
        if (change.Assessment is { } assessment)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  score {assessment.PreviousScore:0.0} -> {assessment.Score:0.0}, level {assessment.PreviousLevel} -> {assessment.Level}");
        }
        else
        {
            text.Append("  score unknown (the SET came without its explanation)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"; actions: {TerminalText.Safe(string.Join(", ", change.Actions))}");
        foreach (var finding in change.Assessment?.Findings ?? [])
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  - {TerminalText.Safe(finding.Signal)}: -{finding.Points:0.0} points (penalty {finding.Penalty:0.##} x weight {finding.Weight:0.##}): {TerminalText.Safe(finding.Evidence)}");
        }

        if (change.Assessment is { Recovery: > 0 } recovered)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  + recovered {recovered.Recovery:0.0} since the previous event");
        }

        if (change.Reason is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  reason: {TerminalText.Safe(change.Reason)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"  jti: {TerminalText.Safe(string.Join(", ", change.Jtis))}");
        return text.ToString();
    }

    private static string JsonLine(ScoreChange change) => AuditJson.Line(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("time", AuditJson.Time(change.Time));
        writer.WriteString("identity", change.Identity);
        AuditJson.WriteIfPresent(writer, "sourceEventId", change.SourceEventId);
        WriteStrings(writer, "actions", change.Actions);
        WriteStrings(writer, "jtis", change.Jtis);
        if (change.ThresholdVersion is { } version)
        {
            writer.WriteNumber("thresholdVersion", version);
        }

        if (change.Assessment is { } assessment)
        {
            WriteAssessment(writer, assessment);
        }

        AuditJson.WriteIfPresent(writer, "reason", change.Reason);
        writer.WriteEndObject();
    });

    private static void WriteAssessment(Utf8JsonWriter writer, TrustAssessment assessment)
    {
        writer.WriteNumber("previousScore", assessment.PreviousScore);
        writer.WriteNumber("score", assessment.Score);
        writer.WriteString("previousLevel", assessment.PreviousLevel.ToString());
        writer.WriteString("level", assessment.Level.ToString());
        writer.WriteNumber("recovery", assessment.Recovery);
        writer.WriteStartArray("findings");
        foreach (var finding in assessment.Findings)
        {
            writer.WriteStartObject();
            writer.WriteString("signal", finding.Signal);
            writer.WriteNumber("points", finding.Points);
            writer.WriteNumber("penalty", finding.Penalty);
            writer.WriteNumber("weight", finding.Weight);
            writer.WriteString("evidence", finding.Evidence);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
