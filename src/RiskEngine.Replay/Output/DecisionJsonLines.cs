using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Core.Trust;
using RiskEngine.Pipeline.Scoring;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Output;

/// <summary>
/// A replay's decisions as JSON lines (schemas/replay-decision.schema.json): time, identity, source event id, score,
/// level, actions, threshold version and the explanation (the assessment, as the SET topic's explanation header has it).
/// Nothing in a line depends on the wall clock, so the same input and settings write the same bytes.
/// </summary>
public sealed class DecisionJsonLines(Stream output) : IDisposable
{

    private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true });

    public long Written { get; private set; }

    public void Write(in ScoredEvent scored)
    {
        var assessment = scored.Assessment;
        _writer.WriteStartObject();
        _writer.WriteString("time", scored.Event.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        _writer.WriteString("identity", scored.Event.IdentityId);
        _writer.WriteString("sourceEventId", scored.Event.EventId);
        _writer.WriteNumber("score", assessment.Score);
        _writer.WriteString("level", assessment.Level.ToString());
        _writer.WriteStartArray("actions");
        foreach (var kind in ReplaySummary.AllActionKinds)
        {
            if (scored.Decision.Actions.HasFlag(kind))
            {
                _writer.WriteStringValue(kind.ToString());
            }
        }

        _writer.WriteEndArray();
        _writer.WriteNumber("thresholdVersion", scored.ThresholdVersion);
        _writer.WritePropertyName("explanation");
        JsonSerializer.Serialize(_writer, assessment, TrustJsonContext.Default.TrustAssessment);
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        output.WriteByte((byte)'\n');
        Written++;
    }

    public void Dispose()
    {
        _writer.Dispose();
        output.Flush();
    }
}
