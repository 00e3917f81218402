using Confluent.Kafka;

namespace RiskEngine.Kafka.Worker;

/// <summary>
/// Produces a stage's outputs and tells the <see cref="OffsetTracker"/> which input message each belongs to.
/// A delivery that finally fails is recorded as <see cref="DeliveryFailure"/> and its message is never marked
/// finished, so its offset is never committed and a restart produces it again.
/// </summary>
internal sealed class TrackedProducer
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly OffsetTracker _tracker;
    private Error? _deliveryFailure;

    public TrackedProducer(IProducer<byte[]?, byte[]> producer, OffsetTracker tracker)
    {
        _producer = producer;
        _tracker = tracker;
    }

    public Error? DeliveryFailure => Volatile.Read(ref _deliveryFailure);

    /// <summary>Waits for every output produced so far; true when all were acknowledged within <paramref name="timeout"/>.</summary>
    public bool FlushAll(TimeSpan timeout) => _producer.Flush(timeout) == 0 && DeliveryFailure is null;

    /// <summary>Produces <paramref name="message"/> as an output of the current input; <paramref name="onDelivered"/> runs once Kafka has it, with where it went.</summary>
    public void Produce(string topic, Message<byte[]?, byte[]> message, Action<TopicPartitionOffset>? onDelivered = null)
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
            onDelivered?.Invoke(report.TopicPartitionOffset);
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
}
