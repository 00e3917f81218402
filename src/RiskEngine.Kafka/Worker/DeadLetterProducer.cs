using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Pipeline.Decoding;
using RiskEngine.Sources;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Writes refused input to the dead-letter topic: its original bytes, where it came from and why, and
/// counts it per reason.
/// </summary>
internal sealed class DeadLetterProducer(TrackedProducer producer, TopicOptions topics, EngineMetrics metrics, IEngineObserver[] observers)
{
    public void Produce(in DeadLetter deadLetter)
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
        if (payload.Length > topics.DeadLetterMaxPayloadBytes)
        {
            headers.Add(DeadLetterHeaders.Truncated, "true"u8.ToArray());
            headers.Add(DeadLetterHeaders.OriginalBytes, Ascii(payload.Length));
            headers.Add(DeadLetterHeaders.OriginalSha256, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(payload.Span))));
            payload = payload[..topics.DeadLetterMaxPayloadBytes];
        }

        var message = new Message<byte[]?, byte[]>
        {
            Key = source.Key.IsEmpty ? null : source.Key.ToArray(),
            Value = payload.ToArray(),
            Headers = headers,
        };
        metrics.DeadLettered(deadLetter.Code);
        var delivered = deadLetter;
        producer.Produce(topics.DeadLetter, message, _ =>
        {
            foreach (var observer in observers)
            {
                observer.OnDeadLetterDelivered(delivered);
            }
        });
    }

    private static byte[] Ascii(long value) => Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
