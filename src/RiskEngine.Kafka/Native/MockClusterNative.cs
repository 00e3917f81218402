using System.Runtime.InteropServices;

namespace RiskEngine.Kafka.Native;

/// <summary>librdkafka's mock cluster (rdkafka_mock.h): a Kafka-protocol broker set on loopback sockets.</summary>
internal static partial class MockClusterNative
{
    internal const int ProducerType = 0;

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Librdkafka.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, IntPtr errstr, nuint errstrSize);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, IntPtr errstr, nuint errstrSize);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Librdkafka.LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Librdkafka.LibraryName)]
    internal static partial IntPtr rd_kafka_err2str(int errorCode);
}
