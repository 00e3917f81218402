using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Integration.Tests.Fixtures;

/// <summary>
/// Reads the engine's dead-letter counter as dotnet-counters or OpenTelemetry would: an observable counter, collected on
/// demand, its totals per reason code summed over every engine of the test run.
/// </summary>
public sealed class DeadLetterCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly Lock _collecting = new();

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

    public long Count(string reason)
    {
        lock (_collecting)
        {
            _byReason.Clear();
            _listener.RecordObservableInstruments();
            return _byReason.GetValueOrDefault(reason);
        }
    }

    public void Dispose() => _listener.Dispose();
}
