namespace RiskEngine.Cli.Measurement;

/// <summary>Collects latencies in milliseconds from any thread and summarises them as percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _gate = new();

    public void Record(double milliseconds)
    {
        lock (_gate)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _milliseconds.Clear();
        }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _milliseconds];
        }

        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencySummary(0, double.NaN, double.NaN, double.NaN)
            : new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    // Nearest-rank: the smallest sample at or above the given share of samples; never interpolated.
    private static double Percentile(double[] sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
