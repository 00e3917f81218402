using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Sources;
using RiskEngine.Sources.Mesh;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>Linkerd proxy JSON access log lines with the caller's mTLS identity, one line per message.</summary>
[Config(typeof(DecoderBenchmarkConfig))]
public class LinkerdDecoderBenchmarks
{
    private readonly LinkerdAccessLogDecoder _decoder = new();
    private readonly List<DecodedRecord> _records = new(1);
    private byte[][] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _lines = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation).Select(i => Encoding.UTF8.GetBytes(MeshSamples.Linkerd(i))).ToArray();
        DecoderBenchmarkConfig.EnsureAllAccepted(_decoder, _lines);
    }

    [Benchmark]
    public int LinkerdJson()
    {
        var accepted = 0;
        foreach (var line in _lines)
        {
            _records.Clear();
            _decoder.Decode(line, _records);
            accepted += _records[0].Outcome == DecodeOutcome.Accepted ? 1 : 0;
        }

        return accepted;
    }
}
