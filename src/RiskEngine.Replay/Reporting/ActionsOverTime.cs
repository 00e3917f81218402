using System.Globalization;
using System.Text.Json;
using RiskEngine.Core.Policy;
using RiskEngine.Replay.Summaries;

namespace RiskEngine.Replay.Reporting;

/// <summary>
/// Actions taken per kind per period of event time, written as at most <see cref="MaxBars"/> bars of whole periods.
/// A period is an hour until the replay has actions in more than <see cref="MaxPeriods"/> of them; then periods
/// double in length, so memory stays bounded however long (or however wrongly stamped) the replay's events are.
/// </summary>
public sealed class ActionsOverTime
{
    public const int MaxBars = 200;

    /// <summary>Periods kept before they are merged in pairs: a year of hours, about 1 MB.</summary>
    public const int MaxPeriods = 8_784;

    private static readonly IReadOnlyList<TrustAction> Kinds = ReplaySummary.AllActionKinds;

    // Period number (ticks since year 1 / period length) to the actions of each kind in it.
    private readonly Dictionary<long, long[]> _byPeriod = [];

    public int PeriodHours { get; private set; } = 1;

    public void Add(DateTimeOffset time, TrustAction actions)
    {
        if (actions == TrustAction.None)
        {
            return;
        }

        var period = time.UtcTicks / (PeriodHours * TimeSpan.TicksPerHour);
        while (_byPeriod.Count >= MaxPeriods && !_byPeriod.ContainsKey(period))
        {
            MergePairs();
            period /= 2;
        }

        var counts = Counts(period);
        for (var kind = 0; kind < Kinds.Count; kind++)
        {
            if (actions.HasFlag(Kinds[kind]))
            {
                counts[kind]++;
            }
        }
    }

    /// <summary>
    /// <c>{"bucketHours":n,"kinds":[...],"bars":[{"t":ms,"time":"...","counts":[...]}]}</c>: bars from the first period
    /// with an action to the last, empty ones included so the time axis is even.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var periods = _byPeriod.Keys.Order().ToList();
        var periodsPerBar = periods.Count == 0 ? 1 : ((periods[^1] - periods[0]) / MaxBars) + 1;
        var bars = new long[periods.Count == 0 ? 0 : ((periods[^1] - periods[0]) / periodsPerBar) + 1][];
        foreach (var period in periods)
        {
            var bar = (period - periods[0]) / periodsPerBar;
            bars[bar] ??= new long[Kinds.Count];
            for (var kind = 0; kind < Kinds.Count; kind++)
            {
                bars[bar][kind] += _byPeriod[period][kind];
            }
        }

        var barHours = periodsPerBar * PeriodHours;
        writer.WriteStartObject();
        writer.WriteNumber("bucketHours", barHours);
        writer.WriteStartArray("kinds");
        foreach (var kind in Kinds)
        {
            writer.WriteStringValue(kind.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("bars");
        for (var bar = 0; bar < bars.Length; bar++)
        {
            var from = new DateTimeOffset((periods[0] * PeriodHours + bar * barHours) * TimeSpan.TicksPerHour, TimeSpan.Zero);
            writer.WriteStartObject();
            writer.WriteNumber("t", from.ToUnixTimeMilliseconds());
            writer.WriteString("time", from.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            writer.WriteStartArray("counts");
            foreach (var count in bars[bar] ?? new long[Kinds.Count])
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void MergePairs()
    {
        var merged = _byPeriod.ToList();
        _byPeriod.Clear();
        PeriodHours *= 2;
        foreach (var (period, counts) in merged)
        {
            var into = Counts(period / 2);
            for (var kind = 0; kind < Kinds.Count; kind++)
            {
                into[kind] += counts[kind];
            }
        }
    }

    private long[] Counts(long period)
    {
        if (!_byPeriod.TryGetValue(period, out var counts))
        {
            counts = new long[Kinds.Count];
            _byPeriod.Add(period, counts);
        }

        return counts;
    }
}
