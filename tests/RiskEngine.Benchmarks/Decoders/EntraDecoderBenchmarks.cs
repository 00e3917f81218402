using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Sources;
using RiskEngine.Sources.Entra;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>Entra sign-ins as an Event Hub delivers them: diagnostic-settings envelopes of ten records, and lone Graph signIns.</summary>
[Config(typeof(DecoderBenchmarkConfig))]
public class EntraDecoderBenchmarks
{
    private const int RecordsPerEnvelope = 10;

    private readonly EntraSignInDecoder _decoder = new();
    private readonly List<DecodedRecord> _records = new(RecordsPerEnvelope);
    private byte[][] _envelopes = [];
    private byte[][] _graphSignIns = [];

    [GlobalSetup]
    public void Setup()
    {
        _graphSignIns = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation).Select(i => Encoding.UTF8.GetBytes(EntraSamples.GraphSignIn(i))).ToArray();
        _envelopes = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation / RecordsPerEnvelope)
            .Select(envelope => Encoding.UTF8.GetBytes(
                "{\"records\":[" + string.Join(',', Enumerable.Range(0, RecordsPerEnvelope).Select(r => EntraSamples.DiagnosticRecord((envelope * RecordsPerEnvelope) + r))) + "]}"))
            .ToArray();
        DecoderBenchmarkConfig.EnsureAllAccepted(_decoder, _envelopes.Concat(_graphSignIns));
    }

    [Benchmark(Baseline = true)]
    public int DiagnosticSettingsEnvelope()
    {
        var accepted = 0;
        foreach (var envelope in _envelopes)
        {
            _records.Clear();
            _decoder.Decode(envelope, _records);
            accepted += _records.Count(r => r.Outcome == DecodeOutcome.Accepted);
        }

        return accepted;
    }

    [Benchmark]
    public int GraphSignIn()
    {
        var accepted = 0;
        foreach (var signIn in _graphSignIns)
        {
            _records.Clear();
            _decoder.Decode(signIn, _records);
            accepted += _records.Count(r => r.Outcome == DecodeOutcome.Accepted);
        }

        return accepted;
    }
}
