using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using RiskEngine.Core.Policy;
using RiskEngine.Kafka.Observability;
using RiskEngine.Kafka.Worker;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// What the Kafka scoring stage adds around each <see cref="ScoringStep"/>-like score for observability: the trace check,
/// the two timestamps, the latency histogram and the counters. Without an exporter nothing may allocate; with a metrics
/// listener (OTLP export) the histogram's Record must not allocate either. Tracing on allocates its activities by design.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ScoringInstrumentationBenchmarks : IDisposable
{
    private const int Events = 10_000;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly Headers _headers = [];
    private EngineMetrics _metrics = null!;
    private MeterListener? _listener;

    [Params(false, true)]
    public bool MetricsListened { get; set; }

    [GlobalSetup]
    public void Create()
    {
        _metrics = new EngineMetrics(_services.GetRequiredService<IMeterFactory>(), new EngineFigures());
        if (MetricsListened)
        {
            _listener = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
            _listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _listener.Start();
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public void Instrument_one_event()
    {
        for (var i = 0; i < Events; i++)
        {
            using var trace = EngineTracing.StartScoring(_headers);
            var started = Stopwatch.GetTimestamp();
            _metrics.Scored(TrustAction.RiskLevelChange);
            _metrics.ScoringTook(started);
        }
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }
}
