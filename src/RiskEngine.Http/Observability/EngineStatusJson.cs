using System.Text.Json;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;
using RiskEngine.Sources;

namespace RiskEngine.Http.Observability;

/// <summary>
/// The body of <c>/status</c>: the same <see cref="EngineFigures"/> the "RiskEngine" meter reports, named as its
/// instruments are. Latency percentiles are upper bounds of <see cref="LatencyHistogram"/> buckets, in milliseconds.
/// </summary>
public static class EngineStatusJson
{
    public static void Write(Utf8JsonWriter writer, EngineFigures figures)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(figures);
        var health = figures.StageHealth();
        writer.WriteStartObject();
        writer.WriteBoolean("healthy", health.All(stage => stage.Healthy));
        writer.WriteStartArray("stages");
        foreach (var stage in health)
        {
            writer.WriteStartObject();
            writer.WriteString("stage", stage.Stage);
            writer.WriteBoolean("healthy", stage.Healthy);
            writer.WriteString("detail", stage.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("eventsIn");
        foreach (var (source, count) in figures.Decoded())
        {
            writer.WriteNumber(source.ToString(), count);
        }

        writer.WriteEndObject();
        writer.WriteNumber("skipped", figures.Skipped);
        writer.WriteNumber("scored", figures.Scored);

        writer.WriteStartObject("scoringLatency");
        writer.WriteNumber("count", figures.ScoringLatency.Count);
        WriteMilliseconds(writer, "p50Ms", figures.ScoringLatency.Percentile(0.5));
        WriteMilliseconds(writer, "p99Ms", figures.ScoringLatency.Percentile(0.99));
        writer.WriteEndObject();

        writer.WriteStartObject("actions");
        foreach (var (action, count) in figures.ActionsTaken())
        {
            writer.WriteNumber(action.ToString(), count);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("securityEvents");
        foreach (var (action, count) in figures.SecurityEvents())
        {
            writer.WriteNumber(EngineMetrics.TagOf(action), count);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("deadLetters");
        foreach (var (reason, count) in figures.DeadLetters())
        {
            writer.WriteNumber(reason.ToName(), count);
        }

        writer.WriteEndObject();

        writer.WriteStartArray("consumerLag");
        foreach (var lag in figures.ConsumerLag())
        {
            writer.WriteStartObject();
            writer.WriteString("stage", lag.Stage);
            writer.WriteString("topic", lag.Topic);
            writer.WriteNumber("partition", lag.Partition);
            writer.WriteNumber("lag", lag.Lag);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("outboxDepth");
        foreach (var (stream, depth) in figures.OutboxDepth.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(stream, depth);
        }

        writer.WriteEndObject();
        if (figures.OpaUnconfirmed is { } unconfirmed)
        {
            writer.WriteNumber("opaUnconfirmed", unconfirmed);
        }

        writer.WriteEndObject();
    }

    private static void WriteMilliseconds(Utf8JsonWriter writer, string name, TimeSpan? duration)
    {
        if (duration is { } value)
        {
            writer.WriteNumber(name, Math.Round(value.TotalMilliseconds, 4));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
