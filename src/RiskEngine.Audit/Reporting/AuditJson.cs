using System.Globalization;
using System.Text;
using System.Text.Json;
using RiskEngine.Audit.Records;
using RiskEngine.Core.Trust;

namespace RiskEngine.Audit.Reporting;

/// <summary>How audited decisions read as JSON: times in ISO 8601 UTC, the stored explanation as the object it is.</summary>
internal static class AuditJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON line: what <paramref name="write"/> writes, as a string.</summary>
    public static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The decision's explanation as an assessment; null when it has none or what is stored does not read as one.</summary>
    public static TrustAssessment? Assessment(AuditedDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Explanation is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(decision.Explanation, TrustJsonContext.Default.TrustAssessment) is { Findings: not null } assessment
                ? assessment
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
