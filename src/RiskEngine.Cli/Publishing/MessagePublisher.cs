using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace RiskEngine.Cli.Publishing;

/// <summary>
/// Produces messages at a steady rate, keyed by identity. The Kafka timestamp is the event time, as a log shipper
/// that preserves creation time would write it.
/// </summary>
public sealed class MessagePublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;

    /// <summary>
    /// Always idempotent, whatever <paramref name="config"/> says: otherwise a retried produce request lands behind
    /// the ones sent after it, and the engine reads an identity's events in another order than they happened.
    /// </summary>
    public MessagePublisher(ProducerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig(config.ToDictionary()) { EnableIdempotence = true }).Build();
    }

    /// <summary>
    /// Publishes <paramref name="items"/>, each as the message <paramref name="toMessage"/> makes of it, at
    /// <paramref name="messagesPerSecond"/> (0: as fast as possible), calling <paramref name="beforeProduce"/> with each
    /// just before it is handed to the client. Returns the number published; waits until Kafka has acknowledged all of them.
    /// </summary>
    /// <exception cref="KafkaException">Kafka refused a message for good.</exception>
    public long Publish<T>(IEnumerable<T> items, Func<T, OutgoingMessage> toMessage, double messagesPerSecond, Action<T>? beforeProduce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(toMessage);
        var started = Stopwatch.GetTimestamp();
        long published = 0;
        Error? failure = null;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (messagesPerSecond > 0)
            {
                WaitUntil(started + (long)(published / messagesPerSecond * Stopwatch.Frequency));
            }

            beforeProduce?.Invoke(item);
            var outgoing = toMessage(item);
            var message = new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(outgoing.Key),
                Value = outgoing.Value,
                Timestamp = new Timestamp(outgoing.Time),
            };
            ProduceWithBackpressure(outgoing.Topic, message, report => failure ??= report.Error.IsError ? report.Error : null);
            published++;
        }

        _producer.Flush(cancellationToken);
        return failure is null ? published : throw new KafkaException(failure);
    }

    public void Dispose() => _producer.Dispose();

    private void ProduceWithBackpressure(string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    // Sleeps in one-millisecond steps, so events due within the same millisecond leave together. Spinning for
    // exact spacing instead would keep one of the machine's two cores busy and starve the engine it measures.
    private static void WaitUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.Sleep(1);
        }
    }
}
