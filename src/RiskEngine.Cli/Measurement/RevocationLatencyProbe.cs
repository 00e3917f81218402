using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Caep;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Cli.Measurement;

/// <summary>
/// Plays a PEP on the SET topic: consumes every session-revoked SET (the topic carries step-ups and risk level
/// changes too, told apart by their event-type header) and, for sign-ins it was told to expect, measures the time
/// from producing the sign-in to receiving the revocation its <c>txn</c> names.
/// </summary>
public sealed class RevocationLatencyProbe : IDisposable
{
    private static readonly byte[] SessionRevoked = Encoding.ASCII.GetBytes(CaepEventTypes.SessionRevoked);

    private readonly ConcurrentDictionary<string, long> _producedAt = new(StringComparer.Ordinal);

    // Sign-ins whose first SET was timed: a redelivered copy is not a second sample.
    private readonly ConcurrentDictionary<string, byte> _timed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRevocation> _received = new();
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;

    public RevocationLatencyProbe(ConsumerConfig config, string topic)
    {
        _consumer = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => _assigned.TrySetResult())
            .Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Consume) { IsBackground = true, Name = "revocation-probe" };
        _thread.Start();
    }

    public LatencyRecorder Latencies { get; } = new();

    public IReadOnlyCollection<ReceivedRevocation> Received => _received;

    /// <summary>Raised on the probe's thread for each SET received.</summary>
    public event Action<ReceivedRevocation>? Revoked;

    public Task Assigned => _assigned.Task;

    /// <summary>Marks the moment a sign-in that should cause a revocation is produced.</summary>
    public void Expect(string eventId) => _producedAt[eventId] = Stopwatch.GetTimestamp();

    /// <summary>When each expected sign-in was produced (a <see cref="Stopwatch"/> timestamp), by event id, the <c>txn</c> of the SETs it causes.</summary>
    public IReadOnlyDictionary<string, long> Expected => _producedAt;

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Consume()
    {
        while (!_stop.IsCancellationRequested)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result is null || result.IsPartitionEOF || !IsRevocation(result.Message.Headers))
            {
                continue;
            }

            var receivedAt = Stopwatch.GetTimestamp();
            var token = Encoding.ASCII.GetString(result.Message.Value);
            var (jti, txn, subject) = ReadClaims(token);
            double? latency = _producedAt.TryGetValue(txn, out var producedAt) && _timed.TryAdd(txn, 0)
                ? Stopwatch.GetElapsedTime(producedAt, receivedAt).TotalMilliseconds
                : null;
            if (latency is { } milliseconds)
            {
                Latencies.Record(milliseconds);
            }

            var revocation = new ReceivedRevocation(jti, txn, subject, token, latency);
            _received.Enqueue(revocation);
            Revoked?.Invoke(revocation);
        }
    }

    private static bool IsRevocation(Headers headers) =>
        headers.TryGetLastBytes(RevocationHeaders.EventType, out var eventType) && SessionRevoked.AsSpan().SequenceEqual(eventType);

    private static (string Jti, string Txn, string Subject) ReadClaims(string token)
    {
        using var claims = UnverifiedSetClaims.Parse(token);
        var root = claims.RootElement;
        var user = root.GetProperty("sub_id").GetProperty("user");
        var subject = user.TryGetProperty("email", out var email) ? email.GetString() : user.GetProperty("id").GetString();
        return (root.GetProperty("jti").GetString()!, root.GetProperty("txn").GetString()!, subject!);
    }
}
