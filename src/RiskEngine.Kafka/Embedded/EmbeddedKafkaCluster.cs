using System.Runtime.InteropServices;
using Confluent.Kafka;
using RiskEngine.Kafka.Native;

namespace RiskEngine.Kafka.Embedded;

/// <summary>
/// An in-process cluster that speaks the real Kafka wire protocol on loopback (librdkafka's mock cluster),
/// so one command runs everything and tests exercise real clients over real sockets. Any Kafka client can
/// connect to <see cref="BootstrapServers"/> while it runs.
/// It keeps data in memory only, and each partition holds at most 5 MiB or 100,000 message sets: older
/// data is dropped silently, so consumers must keep up and topics need enough partitions.
/// Faults can be injected while it runs (errors answered to requests, brokers down, leaders moved), as the fault
/// tests do; brokers are numbered from 1.
/// </summary>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private bool _disposed;

    private EmbeddedKafkaCluster(IntPtr handle, IntPtr cluster, string bootstrapServers, int brokers)
    {
        _handle = handle;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        Brokers = brokers;
    }

    public string BootstrapServers { get; }

    public int Brokers { get; }

    public static EmbeddedKafkaCluster Start(int brokers = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        Librdkafka.EnsureLoaded();
        var errors = Marshal.AllocHGlobal(ErrorBufferSize);
        try
        {
            var conf = MockClusterNative.rd_kafka_conf_new();
            // The client that hosts the cluster never connects anywhere; keep it from warning that it has no brokers.
            MockClusterNative.rd_kafka_conf_set(conf, "log_level", "0", errors, ErrorBufferSize);
            var handle = MockClusterNative.rd_kafka_new(MockClusterNative.ProducerType, conf, errors, ErrorBufferSize);
            if (handle == IntPtr.Zero)
            {
                throw new InvalidOperationException($"librdkafka could not create the client hosting the embedded cluster: {Marshal.PtrToStringUTF8(errors)}");
            }

            var cluster = MockClusterNative.rd_kafka_mock_cluster_new(handle, brokers);
            if (cluster == IntPtr.Zero)
            {
                MockClusterNative.rd_kafka_destroy(handle);
                throw new InvalidOperationException("librdkafka could not start the embedded Kafka cluster.");
            }

            var bootstrap = Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_mock_cluster_bootstraps(cluster))!;
            return new EmbeddedKafkaCluster(handle, cluster, bootstrap, brokers);
        }
        finally
        {
            Marshal.FreeHGlobal(errors);
        }
    }

    /// <summary>Creates a topic; the mock cluster does not support the admin client's CreateTopics.</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var error = MockClusterNative.rd_kafka_mock_topic_create(_cluster, name, partitions, Math.Min(Brokers, 3));
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"The embedded cluster could not create topic '{name}': {Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_err2str(error))}");
        }
    }

    /// <summary>
    /// Answers the next requests of a kind (the Kafka API key: 0 Produce, 1 Fetch, 8 OffsetCommit ...) with these
    /// errors, one request each, from whichever broker gets them; the requests after are served normally.
    /// </summary>
    public void InjectRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var codes = Array.ConvertAll(errors, error => (int)error);
        MockClusterNative.rd_kafka_mock_push_request_errors_array(_cluster, apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>Forgets the errors still to be answered to requests of a kind.</summary>
    public void ClearRequestErrors(short apiKey)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        MockClusterNative.rd_kafka_mock_clear_request_errors(_cluster, apiKey);
    }

    /// <summary>Disconnects a broker and refuses connections to it; its partitions keep it as leader, so they wait for it.</summary>
    public void SetBrokerDown(int brokerId) => Check($"take broker {brokerId} down", cluster => MockClusterNative.rd_kafka_mock_broker_set_down(cluster, brokerId));

    public void SetBrokerUp(int brokerId) => Check($"bring broker {brokerId} up", cluster => MockClusterNative.rd_kafka_mock_broker_set_up(cluster, brokerId));

    /// <summary>Moves a partition's leadership to another broker, as a controller does when a broker fails.</summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check($"move the leader of {topic} [{partition}] to broker {brokerId}", cluster => MockClusterNative.rd_kafka_mock_partition_set_leader(cluster, topic, partition, brokerId));

    private void Check(string what, Func<IntPtr, int> call)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var error = call(_cluster);
        if (error != 0)
        {
            throw new InvalidOperationException($"The embedded cluster could not {what}: {Marshal.PtrToStringUTF8(MockClusterNative.rd_kafka_err2str(error))}");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        MockClusterNative.rd_kafka_mock_cluster_destroy(_cluster);
        MockClusterNative.rd_kafka_destroy(_handle);
    }
}
