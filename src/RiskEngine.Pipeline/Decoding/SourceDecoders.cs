using RiskEngine.Core.Events;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;
using RiskEngine.Sources.Mesh;
using RiskEngine.Sources.Okta;
using RiskEngine.Sources.Opa;

namespace RiskEngine.Pipeline.Decoding;

/// <summary>The decoder of every configured format, and per-message detection for topics that carry several.</summary>
public sealed class SourceDecoders
{
    private readonly Dictionary<SourceFormat, IEventDecoder> _decoders = [];

    public SourceDecoders(IEnumerable<IEventDecoder> decoders)
    {
        ArgumentNullException.ThrowIfNull(decoders);
        foreach (var decoder in decoders)
        {
            _decoders[decoder.Format] = decoder;
        }
    }

    /// <summary>Every format's decoder with its default options, as tools that read files (training, replay) use them.</summary>
    public static SourceDecoders WithDefaultOptions() => new(
    [
        new EntraSignInDecoder(),
        new OktaLogEventDecoder(),
        new EnvoyAccessLogDecoder(new EnvoyAccessLogOptions()),
        new LinkerdAccessLogDecoder(),
        new OpaDecisionLogDecoder(),
    ]);

    /// <summary>
    /// Decodes <paramref name="message"/> for tools that want only its events (training, replay): appends the accepted
    /// ones to <paramref name="events"/> and counts the records refused and skipped. <paramref name="scratch"/> is
    /// reused between calls.
    /// </summary>
    public (int Rejected, int Skipped) DecodeEvents(SourceFormat format, ReadOnlySpan<byte> message, List<DecodedRecord> scratch, List<IdentityEvent> events)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(events);
        scratch.Clear();
        Decode(format, message, scratch);
        var (rejected, skipped) = (0, 0);
        foreach (var record in scratch)
        {
            switch (record.Outcome)
            {
                case DecodeOutcome.Accepted:
                    events.Add(record.Event!);
                    break;
                case DecodeOutcome.Rejected:
                    rejected++;
                    break;
                default:
                    skipped++;
                    break;
            }
        }

        return (rejected, skipped);
    }

    /// <summary>Appends the records of <paramref name="message"/> in <paramref name="format"/> to <paramref name="records"/>.</summary>
    public void Decode(SourceFormat format, ReadOnlySpan<byte> message, List<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (format == SourceFormat.Auto)
        {
            if (FormatDetector.Detect(message, out var malformed) is not { } detected)
            {
                records.Add(malformed is null
                    ? DecodedRecord.Rejected(
                        RejectionCode.UnknownFormat,
                        "no known format: not an Entra sign-in, an Okta LogEvent, an Envoy or Linkerd access log, or an OPA decision",
                        DecodedRecord.WholeMessage,
                        Range.All)
                    : DecodedRecord.Rejected(RejectionCode.MalformedJson, $"not valid JSON: {malformed}", DecodedRecord.WholeMessage, Range.All));
                return;
            }

            format = detected;
        }

        if (!_decoders.TryGetValue(format, out var decoder))
        {
            records.Add(DecodedRecord.Rejected(
                RejectionCode.UnknownFormat,
                $"{format} input is not enabled in this engine",
                DecodedRecord.WholeMessage,
                Range.All));
            return;
        }

        var firstRecord = records.Count;
        try
        {
            decoder.Decode(message, records);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Text.Json.JsonException or FormatException or ArgumentException or OverflowException)
        {
            // Decoders refuse bad input themselves; this is the net under them, so that input nobody foresaw
            // (a lone surrogate escape, say) costs one dead letter and never the consumer.
            records.RemoveRange(firstRecord, records.Count - firstRecord);
            records.Add(DecodedRecord.Rejected(RejectionCode.MalformedJson, $"{format} input could not be decoded: {ex.Message}", DecodedRecord.WholeMessage, Range.All));
        }
    }
}
