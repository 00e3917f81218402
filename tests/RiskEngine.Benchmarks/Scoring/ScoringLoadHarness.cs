using System.Diagnostics;
using System.Globalization;
using RiskEngine.Core.Events;

namespace RiskEngine.Benchmarks.Scoring;

/// <summary>
/// The full scoring step (identity state lookup and update, every signal, the activity and rare-attributes models,
/// the policy decision) over simulated traffic on one thread, in steady state: the first half of the traffic warms
/// identities, models and the JIT (pausing so that tiered compilation catches up); the third quarter is timed in batches (events/s of wall time and of the process's
/// CPU time, which a shared machine's other load does not skew; per-event time p50/p99 from batch means); the last
/// quarter counts the bytes allocated per event, split by whether a signal fired (a finding's evidence is the only
/// allocation the design allows). Counting allocations per event costs about a tenth of the step, so it is kept out
/// of the timed quarter.
/// </summary>
internal static class ScoringLoadHarness
{
    private const int BatchSize = 1_000;
    private const int WarmUpPause = 5_000;

    public static void Run(IReadOnlyList<IdentityEvent> events, string description)
    {
        var half = events.Count / 2;
        var lastQuarter = half + ((events.Count - half) / 2);
        var step = new ScoringStep(ScoringStep.TrainActivityModel(events.Take(half).ToList()));
        for (var i = 0; i < half; i++)
        {
            step.Score(events[i]);
            if (i % WarmUpPause == WarmUpPause - 1)
            {
                // Tiered compilation recompiles hot methods optimised (with profile-guided optimisation) on a background
                // thread, after a quiet spell; on a busy machine it lags far behind a tight loop, and without the
                // pauses the timed events ran partly unoptimised code, three to four times slower than steady state.
                Thread.Sleep(TimeSpan.FromMilliseconds(200));
            }
        }

        var batchMicros = new List<double>();
        var collections = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (var start = half; start < lastQuarter; start += BatchSize)
        {
            var end = Math.Min(start + BatchSize, lastQuarter);
            var batch = Stopwatch.StartNew();
            for (var i = start; i < end; i++)
            {
                step.Score(events[i]);
            }

            batchMicros.Add(batch.Elapsed.TotalMicroseconds / (end - start));
        }

        total.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var timed = lastQuarter - half;
        var timedAllocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var (quietEvents, quietBytes, firingEvents, firingBytes) = (0L, 0L, 0L, 0L);
        for (var i = lastQuarter; i < events.Count; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var fired = step.Score(events[i]);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (fired)
            {
                (firingEvents, firingBytes) = (firingEvents + 1, firingBytes + allocated);
            }
            else
            {
                (quietEvents, quietBytes) = (quietEvents + 1, quietBytes + allocated);
            }
        }

        batchMicros.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scoring step over {description}: {step.States.Count:N0} identities, {half:N0} events to warm up, {timed:N0} timed, {events.Count - lastQuarter:N0} counted for allocation"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  throughput  {timed / total.Elapsed.TotalSeconds:N0} events/s of wall time on one thread ({total.Elapsed.TotalMilliseconds:N0} ms); {timed / cpu.TotalSeconds:N0} events per CPU-second of the process"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  per event   p50 {Percentile(batchMicros, 0.5):N2} us, p99 {Percentile(batchMicros, 0.99):N2} us (means of {BatchSize:N0}-event batches)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  allocated   {timedAllocated / (double)timed:N1} B/event over the timed events; {(quietEvents == 0 ? 0 : quietBytes / (double)quietEvents):N1} B/event on {quietEvents:N0} events where no signal fired, {(firingEvents == 0 ? 0 : firingBytes / (double)firingEvents):N0} B/event on {firingEvents:N0} where one did"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gen0 GCs    {GC.CollectionCount(0) - collections}"));
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
