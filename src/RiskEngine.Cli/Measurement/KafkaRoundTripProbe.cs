using System.Diagnostics;
using Confluent.Kafka;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// The floor under every latency the engine can achieve: plain produce-to-consume round trips on the same
/// cluster, with the engine's client settings, taken while the engine is under load.
/// </summary>
public sealed class KafkaRoundTripProbe : IDisposable
{
    private readonly IProducer<Null, long> _producer;
    private readonly IConsumer<Null, long> _consumer;
    private readonly string _topic;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _consumerThread;
    private readonly Thread _producerThread;
    private readonly TimeSpan _interval;

    public KafkaRoundTripProbe(ProducerConfig producerConfig, ConsumerConfig consumerConfig, string topic, TimeSpan interval)
    {
        _topic = topic;
        _interval = interval;
        _producer = new ProducerBuilder<Null, long>(producerConfig).Build();
        _consumer = new ConsumerBuilder<Null, long>(consumerConfig)
            .SetPartitionsAssignedHandler((_, _) => _assigned.TrySetResult())
            .Build();
        _consumer.Subscribe(topic);
        _consumerThread = new Thread(Consume) { IsBackground = true, Name = "round-trip-consumer" };
        _producerThread = new Thread(Produce) { IsBackground = true, Name = "round-trip-producer" };
        _consumerThread.Start();
    }

    public LatencyRecorder Latencies { get; } = new();

    public Task Assigned => _assigned.Task;

    public void Start() => _producerThread.Start();

    public void Dispose()
    {
        _stop.Cancel();
        if (_producerThread.IsAlive)
        {
            _producerThread.Join();
        }

        _consumerThread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _producer.Dispose();
        _stop.Dispose();
    }

    private void Produce()
    {
        while (!_stop.IsCancellationRequested)
        {
            _producer.Produce(_topic, new Message<Null, long> { Value = Stopwatch.GetTimestamp() });
            _stop.Token.WaitHandle.WaitOne(_interval);
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
    }

    private void Consume()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_consumer.Consume(TimeSpan.FromMilliseconds(50)) is { IsPartitionEOF: false } result)
            {
                Latencies.Record(Stopwatch.GetElapsedTime(result.Message.Value).TotalMilliseconds);
            }
        }
    }
}
