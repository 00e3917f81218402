using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Sources;
using RiskEngine.Sources.Opa;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// OPA decision logs as they arrive: gzip-compressed uploads of 100 events (what the decision-log plugin POSTs),
/// and single events (a console line or a custom plugin's message), in the OPA-Envoy and HTTP API shapes.
/// </summary>
[Config(typeof(DecoderBenchmarkConfig))]
public class OpaDecoderBenchmarks
{
    private const int EventsPerUpload = 100;

    private readonly OpaDecisionLogDecoder _decoder = new();
    private readonly List<DecodedRecord> _records = new(EventsPerUpload);
    private byte[][] _uploads = [];
    private byte[][] _envoyEvents = [];
    private byte[][] _httpApiEvents = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = DecoderBenchmarkConfig.EventsPerOperation;
        _envoyEvents = Enumerable.Range(0, events).Select(i => Encoding.UTF8.GetBytes(OpaSamples.EnvoyDecision(i))).ToArray();
        _httpApiEvents = Enumerable.Range(0, events).Select(i => Encoding.UTF8.GetBytes(OpaSamples.HttpApiDecision(i))).ToArray();
        _uploads = Enumerable.Range(0, events / EventsPerUpload)
            .Select(upload => OpaSamples.GzipUpload(Enumerable.Range(upload * EventsPerUpload, EventsPerUpload).Select(OpaSamples.EnvoyDecision)))
            .ToArray();
        DecoderBenchmarkConfig.EnsureAllAccepted(_decoder, _uploads.Concat(_envoyEvents).Concat(_httpApiEvents));
    }

    [Benchmark(Baseline = true)]
    public int GzipUploadOf100EnvoyEvents() => DecodeAll(_uploads);

    [Benchmark]
    public int SingleEnvoyEvent() => DecodeAll(_envoyEvents);

    [Benchmark]
    public int SingleHttpApiEvent() => DecodeAll(_httpApiEvents);

    private int DecodeAll(byte[][] messages)
    {
        var accepted = 0;
        foreach (var message in messages)
        {
            _records.Clear();
            _decoder.Decode(message, _records);
            foreach (var record in _records)
            {
                accepted += record.Outcome == DecodeOutcome.Accepted ? 1 : 0;
            }
        }

        return accepted;
    }
}
