using System.Globalization;
using RiskEngine.Core.Events;
using RiskEngine.Sources;

namespace RiskEngine.Pipeline.Decoding;

/// <summary>
/// The first half of the pipeline: decode a message of a source format, validate each record (size, event
/// time against the message's own time), and hand each event on to be keyed by identity. Not thread-safe:
/// one instance per thread.
/// </summary>
public sealed class DecodeStage
{
    private readonly PipelineOptions _options;
    private readonly SourceDecoders _decoders;
    private readonly List<DecodedRecord> _records = [];

    public DecodeStage(PipelineOptions options, SourceDecoders decoders)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(decoders);
        _options = options;
        _decoders = decoders;
    }

    public void Process(in InputMessage message, SourceFormat format, IDecodeSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (message.Value.Length > _options.MaxMessageBytes)
        {
            sink.OnDeadLetter(new DeadLetter(
                message,
                message.Value,
                RejectionCode.Oversized,
                string.Create(CultureInfo.InvariantCulture, $"message of {message.Value.Length:N0} bytes exceeds the limit of {_options.MaxMessageBytes:N0} bytes"),
                DecodedRecord.WholeMessage));
            return;
        }

        _records.Clear();
        _decoders.Decode(format, message.Value.Span, _records);
        foreach (var record in _records)
        {
            switch (record.Outcome)
            {
                case DecodeOutcome.Accepted when TimestampRejection(record.Event!, message) is { } rejection:
                    sink.OnDeadLetter(new DeadLetter(message, message.Value[record.Raw], rejection.Code, rejection.Reason, record.RecordIndex));
                    break;
                case DecodeOutcome.Accepted:
                    sink.OnDecoded(record.Event!, message);
                    break;
                case DecodeOutcome.Rejected:
                    sink.OnDeadLetter(new DeadLetter(message, message.Value[record.Raw], record.Code, record.Reason!, record.RecordIndex));
                    break;
                case DecodeOutcome.Skipped:
                    sink.OnSkipped(message, record.Reason!);
                    break;
            }
        }
    }

    // Judged against the message's own time, not the wall clock, so a replay judges exactly as production did.
    private (RejectionCode Code, string Reason)? TimestampRejection(IdentityEvent identityEvent, in InputMessage message)
    {
        if (message.Timestamp is not { } sent)
        {
            return null;
        }

        var lead = identityEvent.Timestamp - sent;
        if (lead > _options.MaxFutureSkew)
        {
            return (RejectionCode.EventInFuture, string.Create(
                CultureInfo.InvariantCulture,
                $"event time {identityEvent.Timestamp:O} is {lead.TotalMinutes:N0} min after its message was produced ({sent:O}); the limit is {_options.MaxFutureSkew.TotalMinutes:N0} min"));
        }

        return -lead > _options.MaxEventAge
            ? (RejectionCode.EventTooOld, string.Create(
                CultureInfo.InvariantCulture,
                $"event time {identityEvent.Timestamp:O} is {-lead.TotalDays:N1} days before its message was produced ({sent:O}); the limit is {_options.MaxEventAge.TotalDays:N1} days"))
            : null;
    }
}
