using System.Globalization;
using System.Text.Json;
using System.Text;
using RiskEngine.Audit.Records;
using RiskEngine.Core.Text;

namespace RiskEngine.Audit.Reporting;

/// <summary>
/// <c>riskengine audit</c>'s output: audited decisions as a table for people, or as JSON lines
/// (schemas/decision-audit.schema.json) for tools.
/// </summary>
public static class AuditListing
{
    private static readonly string[] Headings = ["time", "identity", "action", "score", "level", "thresholds", "jti"];

    /// <summary>A column per member, as wide as its widest cell; "-" where the SET did not say.</summary>
    public static async Task WriteTableAsync(TextWriter output, IReadOnlyList<AuditedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            await output.WriteLineAsync("No audited decisions match.");
            return;
        }

        string[][] rows =
        [
            Headings,
            .. decisions.Select(decision => new[]
            {
                AuditJson.Time(decision.EventTime),
                TerminalText.Safe(decision.Identity)!,
                TerminalText.Safe(decision.Action)!,
                decision.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
                TerminalText.Safe(decision.Level) ?? "-",
                decision.ThresholdVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",
                TerminalText.Safe(decision.Jti)!,
            }),
        ];
        var widths = Enumerable.Range(0, Headings.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var column = 0; column < row.Length; column++)
            {
                line.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column] + 2));
            }

            await output.WriteLineAsync(line.ToString());
        }
    }

    /// <summary>One JSON object per line; members the SET did not say are left out.</summary>
    public static async Task WriteJsonLinesAsync(TextWriter output, IReadOnlyList<AuditedDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var decision in decisions)
        {
            await output.WriteLineAsync(JsonLine(decision));
        }
    }

    private static string JsonLine(AuditedDecision decision) => AuditJson.Line(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("jti", decision.Jti);
        writer.WriteString("time", AuditJson.Time(decision.EventTime));
        writer.WriteString("identity", decision.Identity);
        AuditJson.WriteIfPresent(writer, "sourceEventId", decision.SourceEventId);
        writer.WriteString("action", decision.Action);
        writer.WriteString("eventType", decision.EventType);
        if (decision.Score is { } score)
        {
            writer.WriteNumber("score", score);
        }

        AuditJson.WriteIfPresent(writer, "level", decision.Level);
        if (decision.ThresholdVersion is { } version)
        {
            writer.WriteNumber("thresholdVersion", version);
        }

        if (AuditJson.Assessment(decision) is not null)
        {
            // Written as the engine wrote it, once it is known to read as an assessment.
            writer.WritePropertyName("explanation");
            writer.WriteRawValue(decision.Explanation!);
        }

        AuditJson.WriteIfPresent(writer, "reason", decision.Reason);
        writer.WriteString("recordedAt", AuditJson.Time(decision.RecordedAt));
        writer.WriteEndObject();
    });
}
