using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// One invocation per iteration, each scoring a whole batch after an untimed iteration setup has rebuilt the warmed
/// state, so every iteration times the same events against the same history. The benchmarks declare their batch as
/// OperationsPerInvoke, so BenchmarkDotNet's own figures are per event; the columns restate them as events per
/// second on one core and bytes allocated per event, unrounded.
/// </summary>
public sealed class ScoringBenchmarkConfig : ManualConfig
{
    public ScoringBenchmarkConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new PerEventColumn("events/s", "Events scored per second on one core", (stats, _) => 1e9 / stats.Mean, "N0"));
        AddColumn(new PerEventColumn(
            "B/event",
            "Bytes allocated per event scored",
            (_, report) => report.GcStats.TotalOperations == 0 ? null : report.GcStats.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: true) / (double)report.GcStats.TotalOperations,
            "N2"));
    }
}
