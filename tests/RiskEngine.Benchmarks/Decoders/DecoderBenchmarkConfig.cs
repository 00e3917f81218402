using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using RiskEngine.Sources;

namespace RiskEngine.Benchmarks.Decoders;

/// <summary>
/// Every decoder benchmark decodes a batch of <see cref="DecoderBenchmarkConfig.EventsPerOperation"/> events per
/// operation, so the columns read directly as events per second per core and bytes allocated per event.
/// </summary>
public sealed class DecoderBenchmarkConfig : ManualConfig
{
    public const int EventsPerOperation = 1_000;

    public DecoderBenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new PerEventColumn("events/s", "Events decoded per second on one core", (stats, _) => EventsPerOperation / (stats.Mean / 1e9), "N0"));
        AddColumn(new PerEventColumn("B/event", "Bytes allocated per event decoded", (_, report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) / (double)EventsPerOperation, "N1"));
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }

    /// <summary>Refuses to time samples a decoder rejects: the figures would be those of the error path.</summary>
    public static void EnsureAllAccepted(IEventDecoder decoder, IEnumerable<byte[]> messages)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        var records = new List<DecodedRecord>();
        foreach (var message in messages)
        {
            decoder.Decode(message, records);
        }

        if (records.FirstOrDefault(r => r.Outcome != DecodeOutcome.Accepted) is { Outcome: not DecodeOutcome.Accepted } refused)
        {
            throw new InvalidOperationException($"a {decoder.Format} sample does not decode ({refused.Outcome}: {refused.Reason})");
        }
    }
}
