using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Pipeline;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Produces the pipeline's outputs to Kafka and tells the <see cref="OffsetTracker"/> which input message
/// each belongs to. A delivery that finally fails is recorded as <see cref="DeliveryFailure"/> and its
/// message is never marked finished, so its offset is never committed and a restart produces it again.
/// </summary>
internal sealed class KafkaPipelineSink : IPipelineSink
{
    private static readonly byte[] SecurityEventTokenMediaType = Encoding.ASCII.GetBytes(RevocationHeaders.SecurityEventTokenMediaType);
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly TopicOptions _topics;
    private readonly OffsetTracker _tracker;
    private readonly IEngineObserver[] _observers;
    private Error? _deliveryFailure;

    public KafkaPipelineSink(IProducer<byte[]?, byte[]> producer, TopicOptions topics, OffsetTracker tracker, IEngineObserver[] observers)
    {
        _producer = producer;
        _topics = topics;
        _tracker = tracker;
        _observers = observers;
    }

    public Error? DeliveryFailure => Volatile.Read(ref _deliveryFailure);

    public long SkippedRecords { get; private set; }

    public void OnScored(in ScoredSignIn scored)
    {
        foreach (var observer in _observers)
        {
            observer.OnScored(scored);
        }
    }

    public void OnRevocation(in Revocation revocation)
    {
        var token = revocation.Token;
        var message = new Message<byte[]?, byte[]>
        {
            Key = Encoding.UTF8.GetBytes(token.SubjectKey),
            Value = Encoding.ASCII.GetBytes(token.Token),
            Headers = new Headers
            {
                { RevocationHeaders.ContentType, SecurityEventTokenMediaType },
                { RevocationHeaders.Jti, Encoding.ASCII.GetBytes(token.Jti) },
                { RevocationHeaders.EventType, Encoding.ASCII.GetBytes(token.EventType) },
            },
        };
        var delivered = revocation;
        Produce(_topics.Revocations, message, () =>
        {
            foreach (var observer in _observers)
            {
                observer.OnRevocationDelivered(delivered);
            }
        });
    }

    public void OnDeadLetter(in DeadLetter deadLetter)
    {
        var source = deadLetter.Source;
        var payload = deadLetter.Payload;
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(deadLetter.Reason) },
            { DeadLetterHeaders.ReasonCode, Encoding.ASCII.GetBytes(deadLetter.Code.ToName()) },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(source.Topic) },
            { DeadLetterHeaders.SourcePartition, Ascii(source.Partition) },
            { DeadLetterHeaders.SourceOffset, Ascii(source.Offset) },
            { DeadLetterHeaders.RecordIndex, Ascii(deadLetter.RecordIndex) },
        };
        if (payload.Length > _topics.DeadLetterMaxPayloadBytes)
        {
            headers.Add(DeadLetterHeaders.Truncated, "true"u8.ToArray());
            headers.Add(DeadLetterHeaders.OriginalBytes, Ascii(payload.Length));
            headers.Add(DeadLetterHeaders.OriginalSha256, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(payload.Span))));
            payload = payload[.._topics.DeadLetterMaxPayloadBytes];
        }

        var message = new Message<byte[]?, byte[]>
        {
            Key = source.Key.IsEmpty ? null : source.Key.ToArray(),
            Value = payload.ToArray(),
            Headers = headers,
        };
        var delivered = deadLetter;
        Produce(_topics.DeadLetter, message, () =>
        {
            foreach (var observer in _observers)
            {
                observer.OnDeadLetterDelivered(delivered);
            }
        });
    }

    public void OnSkipped(in InputMessage source, string kind) => SkippedRecords++;

    private void Produce(string topic, Message<byte[]?, byte[]> message, Action onDelivered)
    {
        var pending = _tracker.Track();
        void HandleReport(DeliveryReport<byte[]?, byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _deliveryFailure, report.Error, null);
                return;
            }

            OffsetTracker.Complete(pending);
            onDelivered();
        }

        while (true)
        {
            try
            {
                _producer.Produce(topic, message, HandleReport);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: wait for deliveries to drain it rather than drop the output.
                _producer.Poll(QueueFullBackoff);
            }
        }
    }

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
