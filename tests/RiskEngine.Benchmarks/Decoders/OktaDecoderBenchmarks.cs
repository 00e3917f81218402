using System.Text;
using BenchmarkDotNet.Attributes;
using RiskEngine.Sources;
using RiskEngine.Sources.Okta;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// Okta LogEvents as a consumer receives them: pages of ten from <c>/api/v1/logs</c>, event hook deliveries of
/// ten, and lone LogEvents as log streaming ships them.
/// </summary>
[Config(typeof(DecoderBenchmarkConfig))]
public class OktaDecoderBenchmarks
{
    private const int EventsPerMessage = 10;

    private readonly OktaLogEventDecoder _decoder = new();
    private readonly List<DecodedRecord> _records = new(EventsPerMessage);
    private byte[][] _arrays = [];
    private byte[][] _deliveries = [];
    private byte[][] _logEvents = [];

    [GlobalSetup]
    public void Setup()
    {
        const int messages = DecoderBenchmarkConfig.EventsPerOperation / EventsPerMessage;
        _logEvents = Enumerable.Range(0, DecoderBenchmarkConfig.EventsPerOperation).Select(i => Encoding.UTF8.GetBytes(OktaSamples.LogEvent(i))).ToArray();
        _arrays = Enumerable.Range(0, messages).Select(m => Encoding.UTF8.GetBytes(OktaSamples.LogEventArray(m * EventsPerMessage, EventsPerMessage))).ToArray();
        _deliveries = Enumerable.Range(0, messages).Select(m => Encoding.UTF8.GetBytes(OktaSamples.EventHookDelivery(m * EventsPerMessage, EventsPerMessage))).ToArray();
        DecoderBenchmarkConfig.EnsureAllAccepted(_decoder, _arrays.Concat(_deliveries).Concat(_logEvents));
    }

    [Benchmark(Baseline = true)]
    public int LogEventArray() => DecodeAll(_arrays);

    [Benchmark]
    public int EventHookDelivery() => DecodeAll(_deliveries);

    [Benchmark]
    public int SingleLogEvent() => DecodeAll(_logEvents);

    private int DecodeAll(byte[][] messages)
    {
        var accepted = 0;
        foreach (var message in messages)
        {
            _records.Clear();
            _decoder.Decode(message, _records);
            accepted += _records.Count(r => r.Outcome == DecodeOutcome.Accepted);
        }

        return accepted;
    }
}
