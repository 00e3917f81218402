using RiskEngine.Core.Events;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources;

namespace RiskEngine.ReferenceData.Training;

/// <summary>
/// Reads event files: one message per line, as producers write them (an Entra record or envelope, an Okta LogEvent,
/// an Envoy or Linkerd access log line, an OPA decision), each line's format detected as on an Auto topic and decoded
/// by the engine's own decoders, so a model learns from exactly what the engine would score.
/// </summary>
public static class EventFile
{
    /// <summary>The events of <paramref name="paths"/> in event-time order (ties in file order), and what could not be used.</summary>
    public static EventFileContents Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var decoders = SourceDecoders.WithDefaultOptions();
        var events = new List<IdentityEvent>();
        var records = new List<DecodedRecord>();
        var (rejected, skipped) = (0L, 0L);
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var refused = decoders.DecodeEvents(SourceFormat.Auto, System.Text.Encoding.UTF8.GetBytes(line), records, events);
                (rejected, skipped) = (rejected + refused.Rejected, skipped + refused.Skipped);
            }
        }

        // A stable sort: events of equal time keep the order their producer wrote them in.
        return new EventFileContents([.. events.OrderBy(e => e.Timestamp)], rejected, skipped);
    }
}
