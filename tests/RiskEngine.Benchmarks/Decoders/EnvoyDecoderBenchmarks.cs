using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Sources;
using RiskEngine.Sources.Mesh;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// Istio inbound access log lines with the caller's and callee's SPIFFE IDs, one line per message as a log
/// forwarder ships them: in Envoy's typed JSON (Istio's default JSON encoding) and from a text template
/// (every value a string, "-" for none). Goal: at least 300,000 lines per second per core.
/// </summary>
[Config(typeof(DecoderBenchmarkConfig))]
public class EnvoyDecoderBenchmarks
{
    private readonly EnvoyAccessLogDecoder _decoder = new(new EnvoyAccessLogOptions());
    private readonly List<DecodedRecord> _records = new(1);
    private byte[][] _typed = [];
    private byte[][] _templated = [];

    [GlobalSetup]
    public void Setup()
    {
        _typed = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation).Select(i => Encoding.UTF8.GetBytes(MeshSamples.IstioInbound(i))).ToArray();
        _templated = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation).Select(i => Encoding.UTF8.GetBytes(MeshSamples.IstioInboundTemplated(i))).ToArray();
        DecoderBenchmarkConfig.EnsureAllAccepted(_decoder, _typed.Concat(_templated));
    }

    [Benchmark(Baseline = true)]
    public int IstioInboundTypedJson() => DecodeAll(_typed);

    [Benchmark]
    public int IstioInboundTemplatedStrings() => DecodeAll(_templated);

    private int DecodeAll(byte[][] lines)
    {
        var accepted = 0;
        foreach (var line in lines)
        {
            _records.Clear();
            _decoder.Decode(line, _records);
            accepted += _records[0].Outcome == DecodeOutcome.Accepted ? 1 : 0;
        }

        return accepted;
    }
}
