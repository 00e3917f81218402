using System.Globalization;
using System.Text;
using Confluent.Kafka;
using RiskEngine.Pipeline;

namespace RiskEngine.Kafka.Worker;

/// <summary>Headers on the events topic naming the input message an event was decoded from, for tracing an event to its source.</summary>
public static class EventHeaders
{
    public const string SourceTopic = "riskengine-source-topic";
    public const string SourcePartition = "riskengine-source-partition";
    public const string SourceOffset = "riskengine-source-offset";

    internal static Headers From(in InputMessage source) => new()
    {
        { SourceTopic, Encoding.UTF8.GetBytes(source.Topic) },
        { SourcePartition, Encoding.ASCII.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
        { SourceOffset, Encoding.ASCII.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
    };
}
