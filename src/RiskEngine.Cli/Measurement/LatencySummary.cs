using System.Globalization;

namespace RiskEngine.Cli.Measurement;

public readonly record struct LatencySummary(int Count, double P50, double P99, double Max)
{
    public override string ToString() => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms (n={Count:N0})");
}
