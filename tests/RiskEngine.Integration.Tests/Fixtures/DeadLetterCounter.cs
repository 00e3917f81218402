using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>Listens to the engine's dead-letter counter, as dotnet-counters or OpenTelemetry would, and sums it per reason code.</summary>
public sealed class DeadLetterCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public DeadLetterCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "riskengine.deadletters")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "reason", Value: string reason })
                {
                    _byReason.AddOrUpdate(reason, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long Count(string reason) => _byReason.GetValueOrDefault(reason);

    public void Dispose() => _listener.Dispose();
}
