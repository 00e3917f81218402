using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace RiskEngine.Benchmarks;

/// <summary>A column computed from a benchmark's statistics and report, divided out to one event; <paramref name="legend"/> says what it counts.</summary>
internal sealed class PerEventColumn(string name, string legend, Func<Statistics, BenchmarkReport, double?> value, string format) : IColumn
{
    public string Id => nameof(PerEventColumn) + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var report = summary[benchmarkCase];
        return report?.ResultStatistics is { } stats && value(stats, report) is { } result
            ? result.ToString(format, CultureInfo.InvariantCulture)
            : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
